import SafeguardingApplication
import SafeguardingDomain
import SafeguardingRendering

/// What every page's frame needs to know: the page title, who is signed in, where they are.
struct PageFrame {
    enum Section: Equatable { case dashboard, organisations, subgroups, finance, performance, learning, reviews, report, users, audit, none }

    var title: String
    var signedIn: SignedIn?
    var section: Section = .none
    var csrf: String?

    struct SignedIn {
        let name: String
        let slug: String?
        let partnershipName: String?
        let roleLabel: String?
        let canManageUsers: Bool
        let canReadAudit: Bool
        var canReadLearning = false
        var canReadReviews = false
        var canReadReport = false
        /// The demo partnership's pages carry the demo notice (`DemoData.notice`).
        var isDemo = false
        /// The person has a role in more than one partnership: the header offers the switcher.
        var hasOtherPartnerships = false
    }
}

/// The GOV.UK-style frame around every page: skip link, header, service navigation, main, footer.
enum Layout {
    static func page(_ frame: PageFrame, @HTMLBuilder main: () -> [HTMLNode]) -> String {
        let document = el("html", .init("lang", "en-GB"), .class("app-template")) {
            el("head") {
                el("meta", .init("charset", "utf-8"))
                el("meta", .name("viewport"), .init("content", "width=device-width, initial-scale=1"))
                el("title") { frame.title + " – Safeguarding" }
                el("link", .init("rel", "stylesheet"), .href(SiteRoute.stylesheet.path))
            }
            el("body", .class("app-body")) {
                el("a", .href("#main-content"), .class("app-skip-link")) { "Skip to main content" }
                header(frame)
                if frame.signedIn?.isDemo == true { demoBanner() }
                el("div", .class("app-width-container")) {
                    el("main", .class("app-main-wrapper"), .id("main-content"), .role("main")) { main() }
                }
                el("footer", .class("app-footer"), .role("contentinfo")) {
                    el("div", .class("app-width-container")) {
                        el("p", .class("app-footer__text")) {
                            "Safeguarding: multi-agency safeguarding arrangements and the yearly report. Official statistics are used under the Open Government Licence v3.0."
                        }
                    }
                }
            }
        }
        return "<!DOCTYPE html>\n" + document.render()
    }

    /// Says the pages show demo data, dated in its own reporting year whatever today is.
    static func demoBanner() -> HTMLNode {
        el("div", .class("app-demo-banner app-width-container"), .role("region"), .aria("label", "Demo data")) {
            el("p", .class("app-demo-banner__text")) { Components.tag("Demo", colour: "blue"); " " + DemoData.notice }
        }
    }

    static func header(_ frame: PageFrame) -> HTMLNode {
        el("header", .class("app-header"), .role("banner")) {
            el("div", .class("app-header__container app-width-container")) {
                el("a", .href(frame.signedIn?.slug.map { SiteRoute.dashboard(slug: $0).path } ?? SiteRoute.home.path), .class("app-header__service")) {
                    "Safeguarding"
                }
                if let signedIn = frame.signedIn {
                    el("div", .class("app-header__account")) {
                        el("span", .class("app-header__user")) {
                            signedIn.name
                            if let role = signedIn.roleLabel { el("span", .class("app-header__role")) { " · " + role } }
                        }
                        if signedIn.hasOtherPartnerships {
                            el("a", .href(SiteRoute.yourPartnerships.path), .class("app-header__link")) { "Switch partnership" }
                        }
                        el("a", .href(SiteRoute.changePassword.path), .class("app-header__link")) { "Change password" }
                        el("form", .method("post"), .action(SiteRoute.signOut.path), .class("app-header__signout")) {
                            el("input", .type("hidden"), .name(CSRF.field), .value(frame.csrf ?? ""))
                            el("button", .type("submit"), .class("app-link-button")) { "Sign out" }
                        }
                    }
                }
            }
            if let signedIn = frame.signedIn, let slug = signedIn.slug {
                navigation(frame.section, slug: slug, signedIn: signedIn)
            }
        }
    }

    static func navigation(_ current: PageFrame.Section, slug: String, signedIn: PageFrame.SignedIn) -> HTMLNode {
        var items: [(String, SiteRoute, PageFrame.Section)] = [
            ("Dashboard", .dashboard(slug: slug), .dashboard),
            ("Organisations", .organisations(slug: slug), .organisations),
            ("Subgroups", .subgroups(slug: slug), .subgroups),
            ("Finance", .finance(slug: slug), .finance),
            ("Performance", .indicators(slug: slug), .performance),
        ]
        if signedIn.canReadLearning { items.append(("Learning", .learning(slug: slug), .learning)) }
        if signedIn.canReadReviews { items.append(("Reviews", .reviews(slug: slug), .reviews)) }
        if signedIn.canReadReport { items.append(("Yearly report", .reports(slug: slug), .report)) }
        if signedIn.canManageUsers { items.append(("Users", .users(slug: slug), .users)) }
        if signedIn.canReadAudit { items.append(("Audit log", .audit(slug: slug), .audit)) }
        return el("nav", .class("app-service-navigation"), .aria("label", "Menu")) {
            el("div", .class("app-width-container")) {
                if let name = signedIn.partnershipName { el("p", .class("app-service-navigation__partnership")) { name } }
                el("ul", .class("app-service-navigation__list")) {
                    for (label, route, section) in items {
                        el("li", .class(section == current ? "app-service-navigation__item app-service-navigation__item--active" : "app-service-navigation__item")) {
                            el("a", .href(route.path), .class("app-service-navigation__link"), section == current ? .aria("current", "page") : nil) { label }
                        }
                    }
                }
            }
        }
    }
}
