import Foundation

/// The report's own stylesheet: system fonts, GOV.UK colours, and print rules for the PDF.
enum ReportStyle {
    static func css(footer: String) -> String {
        """
        :root{--text:#0b0c0c;--secondary:#505a5f;--link:#1d4ed8;--border:#b1b4b6;--brand:#1d70b8;--flag:#f47738}
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--text);line-height:1.45;font-size:1.05rem;background:#fff}
        .report{max-width:60rem;margin:0 auto;padding:1.5rem}
        a{color:#1d70b8}a:focus{outline:3px solid #ffdd00;background:#ffdd00;color:#0b0c0c}
        h1{font-size:2.4rem;margin:.3rem 0 1rem;line-height:1.1}h2{font-size:1.75rem;margin:2.2rem 0 .6rem;border-top:4px solid var(--brand);padding-top:.6rem}
        h3{font-size:1.3rem;margin:1.6rem 0 .5rem}h4{font-size:1.1rem}
        .report-cover{border-left:10px solid var(--brand);padding:1rem 1.4rem;margin-bottom:2rem}
        .report-cover__partnership{font-weight:700;color:var(--secondary);margin:0}
        .report-cover__lead{font-size:1.25rem}
        .report-cover__status{color:var(--secondary)}
        .report-cover__status--draft{color:#0b0c0c;background:#fff2e6;border-left:5px solid var(--flag);padding:.5rem .8rem;font-weight:700}
        .report-contents ol{padding-left:1.5rem}.report-contents li{margin:.25rem 0}
        .report-section__number{color:var(--secondary)}
        .report-section__subtitle{color:var(--secondary);margin-top:0}
        .report-flag{border-left:5px solid var(--flag);background:#fff2e6;padding:.6rem .9rem;margin:1rem 0}
        .report-figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.8rem;margin:1rem 0}
        .report-figure{border-top:3px solid var(--brand);background:#f3f2f1;padding:.6rem .8rem;break-inside:avoid}
        .report-figure dt{font-size:.95rem}.report-figure dd{margin:0}
        .report-figure__value{font-size:1.9rem;font-weight:700}.report-figure__note{font-size:.8rem;color:var(--secondary)}
        .report-table-wrap{overflow-x:auto;margin:1rem 0 1.4rem}
        .report-table{border-collapse:collapse;width:100%;font-size:.95rem}
        .report-table caption{text-align:left;font-weight:700;padding-bottom:.4rem}
        .report-table th,.report-table td{border-bottom:1px solid var(--border);padding:.4rem .5rem;text-align:left;vertical-align:top}
        .report-table thead th{border-bottom:2px solid var(--text)}
        .report-table__number{text-align:right!important;font-variant-numeric:tabular-nums}
        .report-table__total th,.report-table__total td{font-weight:700;border-top:2px solid var(--text)}
        .report-table--checklist th[scope=row]{width:42%}.report-table--checklist td:last-child{width:30%}
        .report-table__gap{color:#942514;font-weight:700}
        .report-table__note{font-size:.85rem;color:var(--secondary);margin-top:.3rem}
        .report-chart{margin:1.2rem 0;break-inside:avoid}.report-chart svg{max-width:100%;height:auto}
        .report-chart figcaption{margin:.4rem 0}.report-chart__description{color:var(--secondary)}
        .report-chart--structure svg{border:1px solid var(--border)}
        .report-list{padding-left:1.3rem}.report-list li{margin:.3rem 0}.report-list__detail{color:var(--secondary)}
        .report-narrative blockquote{border-left:5px solid var(--border);margin:1rem 0;padding:.2rem 1rem;color:var(--secondary)}
        .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;border:0!important;white-space:nowrap!important}
        @page{size:A4;margin:18mm 16mm 20mm 16mm;
          @bottom-left{content:"\(footer.replacingOccurrences(of: "\"", with: "'"))";font:8.5pt system-ui,Arial,sans-serif;color:#505a5f}
          @bottom-right{content:"Page " counter(page) " of " counter(pages);font:8.5pt system-ui,Arial,sans-serif;color:#505a5f}}
        @page:first{@bottom-left{content:none}@bottom-right{content:none}}
        @media print{
          body{font-size:10.5pt}.report{max-width:none;padding:0}
          h1{font-size:26pt}h2{font-size:17pt}h3{font-size:13pt}
          .report-cover{margin-top:40mm;min-height:120mm;break-after:page}
          .report-contents{break-after:page}
          .report-section{break-before:page}
          h2,h3,h4,.report-section__subtitle,.report-table caption{break-after:avoid;break-inside:avoid}
          p,li{orphans:3;widows:3}
          .report-table tr,.report-figure,.report-list li,.report-flag,.report-table-wrap--short,.report-narrative blockquote{break-inside:avoid}
          .report-table thead{display:table-header-group}
          a{color:inherit;text-decoration:none}
          .report-contents a{text-decoration:underline}
          .report-table-wrap{overflow:visible}
        }
        """
    }
}
