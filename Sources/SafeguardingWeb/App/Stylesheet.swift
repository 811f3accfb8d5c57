import Vapor

/// Our own stylesheet after the GOV.UK Design System: its spacing, colours and components,
/// with system fonts. Served from memory so the binary needs no files beside it.
enum Stylesheet {
    static func serve(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "text/css; charset=utf-8")
        headers.add(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: css))
    }

    static let css = """
    :root { --text: #0b0c0c; --secondary: #484949; --link: #1d70b8; --link-visited: #4c2c92; --focus: #ffdd00; --border: #b1b4b6; --error: #d4351c; --success: #00703c; --brand: #1d70b8; --light: #f3f2f1; }
    *, *::before, *::after { box-sizing: border-box; }
    html { font-size: 100%; -webkit-text-size-adjust: 100%; }
    body.app-body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); background: #fff; line-height: 1.4; font-size: 1.1875rem; }
    .app-width-container { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
    .app-skip-link { position: absolute; left: -9999px; top: 0; padding: 10px 15px; background: var(--focus); color: var(--text); }
    .app-skip-link:focus { left: 0; z-index: 10; outline: 3px solid var(--text); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--text); }
    a:focus { background: var(--focus); color: var(--text); box-shadow: 0 -2px var(--focus), 0 4px var(--text); text-decoration: none; outline: none; }
    .app-header { background: var(--text); color: #fff; border-bottom: 10px solid var(--brand); }
    .app-header__container { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; padding-top: 12px; padding-bottom: 10px; }
    .app-header__service { color: #fff; font-weight: 700; font-size: 1.5rem; text-decoration: none; }
    .app-header__service:hover { text-decoration: underline; }
    .app-header__account { display: flex; gap: 16px; align-items: center; font-size: 1rem; }
    .app-header__role { color: #dcdcdc; }
    .app-header__signout { margin: 0; }
    .app-header__link { color: #fff; text-decoration: underline; }
    .app-header__link:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
    .app-link-button { background: none; border: 0; color: #fff; text-decoration: underline; font: inherit; cursor: pointer; padding: 0; }
    .app-service-navigation { background: var(--light); border-bottom: 1px solid var(--border); }
    .app-service-navigation__partnership { margin: 0; padding-top: 10px; font-size: 1rem; color: var(--secondary); }
    .app-service-navigation__list { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 28px; }
    .app-service-navigation__item { padding: 10px 0 8px; border-bottom: 4px solid transparent; font-size: 1.0625rem; }
    .app-service-navigation__item--active { border-bottom-color: var(--brand); font-weight: 700; }
    .app-service-navigation__link { color: var(--link); }
    .app-main-wrapper { display: block; padding: 30px 0 50px; }
    .app-footer { border-top: 1px solid var(--border); background: var(--light); padding: 25px 0; font-size: 1rem; color: var(--secondary); }
    .app-footer__text { margin: 0; }
    a, .app-link { color: var(--link); text-decoration: underline; text-underline-offset: 0.1em; }
    a:visited { color: var(--link-visited); }
    a:hover { color: #003078; text-decoration-thickness: 3px; }
    .app-heading-l { font-size: 2.25rem; line-height: 1.1; margin: 0 0 30px; font-weight: 700; }
    .app-heading-m { font-size: 1.5rem; margin: 35px 0 15px; font-weight: 700; }
    .app-caption-l { display: block; color: var(--secondary); font-size: 1.5rem; margin-bottom: 5px; }
    .app-body-text { margin: 0 0 20px; max-width: 40em; }
    .app-secondary-text { color: var(--secondary); font-size: 1rem; }
    .app-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
    .app-grid-two-thirds { max-width: 730px; }
    .app-grid-row { display: flex; flex-wrap: wrap; gap: 30px; }
    .app-grid-half { flex: 1 1 400px; }
    .app-card-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 20px; margin-bottom: 20px; }
    .app-card { border-top: 5px solid var(--brand); background: var(--light); padding: 15px 20px; }
    .app-card__figure { font-size: 2.25rem; font-weight: 700; margin: 0; }
    .app-card__label { margin: 0; color: var(--secondary); font-size: 1rem; }
    .govuk-list { list-style: none; padding: 0; margin: 0 0 20px; }
    .govuk-list > li { margin-bottom: 10px; }
    .govuk-table { width: 100%; border-collapse: collapse; margin-bottom: 40px; font-size: 1.0625rem; }
    .govuk-table__caption { text-align: left; font-weight: 700; margin-bottom: 10px; }
    .govuk-table__caption--m { font-size: 1.5rem; }
    .govuk-table__header, .govuk-table__cell { padding: 10px 20px 10px 0; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
    .govuk-table__header { font-weight: 700; }
    .app-table__header--plain { font-weight: 400; }
    .govuk-table__header--numeric, .govuk-table__cell--numeric { text-align: right; font-variant-numeric: tabular-nums; }
    .govuk-table__header:last-child, .govuk-table__cell:last-child { padding-right: 0; }
    .app-table__total th, .app-table__total td { border-top: 2px solid var(--text); font-weight: 700; }
    .app-table--compact { font-size: 0.9375rem; }
    .app-nowrap { white-space: nowrap; }
    .app-break { word-break: break-word; }
    .govuk-summary-list { margin: 0 0 30px; }
    .govuk-summary-list__row { display: flex; flex-wrap: wrap; border-bottom: 1px solid var(--border); }
    .govuk-summary-list__key { flex: 0 0 30%; font-weight: 700; padding: 10px 20px 10px 0; margin: 0; }
    .govuk-summary-list__value { flex: 1 1 60%; padding: 10px 0; margin: 0; }
    .govuk-form-group { margin-bottom: 30px; }
    .govuk-form-group--error { border-left: 5px solid var(--error); padding-left: 15px; }
    .govuk-label { display: block; font-weight: 400; margin-bottom: 5px; }
    .govuk-hint { color: var(--secondary); margin-bottom: 10px; font-size: 1.0625rem; }
    .govuk-error-message { color: var(--error); font-weight: 700; margin: 0 0 10px; font-size: 1.0625rem; }
    .govuk-input, .govuk-select, .govuk-textarea { font: inherit; font-size: 1.1875rem; border: 2px solid var(--text); border-radius: 0; padding: 5px; height: 2.5rem; background: #fff; color: var(--text); }
    .govuk-textarea { height: auto; width: 100%; }
    .govuk-input--error { border-color: var(--error); }
    .app-input--full { width: 100%; }
    .app-input--half { width: 50%; min-width: 12em; }
    .app-input--amount { width: 9em; text-align: right; }
    .app-currency { display: inline-flex; align-items: center; gap: 4px; }
    .app-finance-table__shown { display: block; color: var(--secondary); font-size: 0.9375rem; }
    .govuk-fieldset { border: 0; padding: 0; margin: 0; }
    .govuk-fieldset__legend { font-weight: 400; margin-bottom: 5px; padding: 0; }
    .govuk-date-input { display: flex; gap: 20px; }
    .app-input--width-2 { width: 3.5em; }
    .app-input--width-4 { width: 5.5em; }
    .govuk-select { min-width: 12em; max-width: 100%; }
    .govuk-button { display: inline-block; font: inherit; font-size: 1.1875rem; font-weight: 400; line-height: 1.2; color: #fff; background: var(--success); border: 2px solid transparent; border-radius: 0; box-shadow: 0 2px 0 #002d18; padding: 8px 10px 7px; margin: 0 0 32px; cursor: pointer; text-decoration: none; }
    a.govuk-button, a.govuk-button:visited { color: #fff; text-decoration: none; }
    .govuk-button:hover { background: #005a30; }
    .govuk-button:focus { background: var(--focus); color: var(--text); box-shadow: 0 2px 0 var(--text); outline: 3px solid transparent; }
    .govuk-button--secondary, a.govuk-button--secondary, a.govuk-button--secondary:visited { background: var(--light); color: var(--text); box-shadow: 0 2px 0 #858686; }
    .govuk-button--secondary:hover { background: #dbdad9; }
    .govuk-back-link { display: inline-block; margin-bottom: 20px; font-size: 1rem; color: var(--text); }
    .govuk-error-summary { border: 5px solid var(--error); padding: 20px; margin-bottom: 30px; }
    .govuk-error-summary:focus { outline: 3px solid var(--focus); }
    .govuk-error-summary__title { margin-top: 0; font-size: 1.5rem; }
    .govuk-error-summary__list { list-style: none; padding: 0; margin: 0; }
    .govuk-error-summary__list a { color: var(--error); font-weight: 700; }
    .govuk-notification-banner { border: 5px solid var(--success); margin-bottom: 30px; }
    .govuk-notification-banner__header { background: var(--success); padding: 2px 15px 5px; }
    .govuk-notification-banner__title { color: #fff; font-size: 1rem; margin: 0; }
    .govuk-notification-banner__content { padding: 15px; }
    .govuk-notification-banner__heading { margin: 0; font-weight: 700; }
    .govuk-tag { display: inline-block; padding: 2px 8px; background: #cce2d8; color: #005a30; font-size: 1rem; font-weight: 400; }
    .govuk-tag--grey { background: #e5e6e7; color: #0b0c0c; }
    .govuk-tag--green { background: #cce2d8; color: #005a30; }
    .govuk-tag--red { background: #f4cdc6; color: #2a0b06; }
    .govuk-tag--yellow { background: #fff7bf; color: #594d00; }
    .govuk-tag--blue { background: #bbd4ea; color: #0c2d4a; }
    .govuk-tag--orange { background: #fcd6c3; color: #6e3619; }
    .govuk-radios__item, .govuk-checkboxes__item { display: flex; align-items: flex-start; gap: 10px; margin-bottom: 10px; }
    .govuk-radios--inline { display: flex; flex-wrap: wrap; gap: 0 20px; }
    .govuk-radios__input, .govuk-checkboxes__input { width: 28px; height: 28px; margin: 0; flex: 0 0 auto; accent-color: var(--text); }
    .govuk-radios__label, .govuk-checkboxes__label { margin: 2px 0 0; }
    .app-sub-navigation { list-style: none; display: flex; flex-wrap: wrap; gap: 5px 25px; padding: 0 0 10px; margin: 0 0 25px; border-bottom: 1px solid var(--border); }
    .app-sub-navigation a[aria-current] { font-weight: 700; color: var(--text); text-decoration: none; border-bottom: 4px solid var(--link); }
    .app-spread { display: inline-block; vertical-align: middle; }
    .app-record { border-left: 5px solid var(--border); padding: 5px 15px; margin-bottom: 20px; }
    .app-record--overdue { border-left-color: #d4351c; }
    .app-question { border-bottom: 1px solid var(--border); padding-bottom: 10px; margin-bottom: 25px; }
    .app-list { padding-left: 20px; margin: 0 0 20px; }
    .app-list li { margin-bottom: 5px; }
    .govuk-details { margin: 0 0 30px; }
    .govuk-details__summary { cursor: pointer; color: var(--link, #1d70b8); text-decoration: underline; }
    .govuk-details__summary:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
    .app-button--small { padding: 4px 8px; margin: 0 8px 0 0; font-size: 16px; }
    .app-inset { border-left: 10px solid #b1b4b6; padding: 15px; margin: 0 0 30px; max-width: 40em; }
    .app-demo-banner { border-bottom: 1px solid #b1b4b6; }
    .app-demo-banner__text { margin: 10px 0; font-size: 1rem; }
    .app-details { margin: 0 0 30px; }
    .app-details summary { color: var(--link); text-decoration: underline; cursor: pointer; margin-bottom: 10px; }
    .app-heading-s { font-size: 1.1875rem; margin: 25px 0 10px; font-weight: 700; }
    .app-escalation { border-left: 5px solid #d4351c; padding: 5px 15px; margin-bottom: 20px; }
    .app-bullets { list-style: disc; padding-left: 20px; }
    .govuk-list--number { list-style: decimal; padding-left: 20px; }
    .app-chart { max-width: 100%; height: auto; display: block; }
    .govuk-file-upload { font: inherit; font-size: 1.1875rem; padding: 5px 0; }
    code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; background: var(--light); padding: 0 4px; }
    .app-inline-list { list-style: none; display: flex; flex-wrap: wrap; gap: 20px; padding: 0; margin: 0 0 20px; }
    .app-year-nav__current { font-weight: 700; }
    .app-pagination { display: flex; gap: 30px; }
    .app-figure { margin: 0 0 30px; }
    .app-chart-scroll { overflow-x: auto; border: 1px solid var(--border); padding: 10px; background: #fff; }
    .app-legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 20px; padding: 0; margin: 10px 0; }
    .app-legend__swatch { display: inline-block; width: 18px; height: 12px; margin-right: 6px; vertical-align: middle; border: 2px solid #1d70b8; background: #fff; }
    .app-legend__swatch--executive { background: #1d70b8; border-color: #0b0c0c; }
    .app-legend__swatch--panel { border-color: #00703c; }
    .app-legend__swatch--task_and_finish { border-style: dashed; border-color: #505a5f; background: #f3f2f1; }
    .app-legend__swatch--network { border-color: #6f72af; background: #f3f2f1; }
    .structure-chart { max-width: 100%; height: auto; display: block; margin: 0 auto; }
    @media (max-width: 640px) { .app-heading-l { font-size: 1.75rem; } body.app-body { font-size: 1rem; } .govuk-summary-list__key { flex-basis: 100%; padding-bottom: 0; } }
    @media print { .app-header, .app-service-navigation, .app-footer, .govuk-button { display: none; } }
    """
}
