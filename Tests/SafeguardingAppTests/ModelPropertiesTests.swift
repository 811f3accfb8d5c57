import FluentKit
import Foundation
import SafeguardingPersistence
import Testing

/// Every model lists its FluentKit properties itself (`scripts/model-properties`), so decoding a row
/// skips reflection. A list that misses or adds a property would lose or invent a column: each must
/// name exactly the property wrappers reflection finds, in the same order.
@Suite("Model property lists")
struct ModelPropertiesTests {
    @Test("Each model's property list is exactly what reflection finds")
    func listsMatchReflection() {
        #expect(ModelProperties.models.count >= 51)
        for type in ModelProperties.models {
            let model = type.init()
            let reflected = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }.map { ObjectIdentifier($0 as AnyObject) }
            let listed = model.properties.map { ObjectIdentifier($0 as AnyObject) }
            #expect(listed == reflected, "\(type): \(listed.count) listed, \(reflected.count) found; run scripts/model-properties")
        }
    }
}
