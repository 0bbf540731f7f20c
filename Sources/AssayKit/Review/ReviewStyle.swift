import Crypto
import Foundation

/// The look of the review pages, and the shell every page shares: one inline style sheet, the index's small
/// filter script, and a Content-Security-Policy that lets the page run only that script and that style sheet.
///
/// Why inline and hashed: the pages must work from `file://` with no server and no network, so nothing is loaded
/// from elsewhere; the policy names the SHA-256 of the one `<style>` and the one `<script>`, so even text that got
/// past escaping could neither run a script nor load an image, a font or a frame.
///
/// Colour is never the only signal: every highlighted span carries its type's name as a label, every status its
/// word. The palette's colours have a contrast of at least 4.5:1 with white (labels) and the tints with the text.
enum ReviewStyle {
    /// Strong colour (labels, underlines) and tint (span background), assigned to the rule set's fact types in
    /// name order, cycling when there are more types than colours.
    static let palette: [(strong: String, tint: String)] = [
        ("#1f5fa8", "#dce9f8"),  // blue
        ("#a34700", "#fbe4d0"),  // burnt orange
        ("#1e7a3c", "#d9f0e0"),  // green
        ("#8a2d8f", "#f2ddf3"),  // purple
        ("#a3173a", "#f9dbe2"),  // crimson
        ("#00707a", "#d4eef0"),  // teal
        ("#6b5a00", "#f3edc9"),  // olive
        ("#4a4a4a", "#e6e6e6"),  // grey
    ]

    static let css: String = {
        var css = """
            :root{color-scheme:light;--ink:#1a1a1a;--muted:#4d4d4d;--line:#c9ccd1;--focus:#0b57d0;--mark:#e8a400}
            *{box-sizing:border-box}
            body{margin:0 auto;max-width:76rem;padding:1rem 1.25rem 5rem;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
            a{color:#0b4f9c}
            :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
            h1{font-size:1.6rem;line-height:1.25;margin:.4rem 0 .3rem}
            h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
            nav.crumbs{font-size:.9rem}
            .meta{color:var(--muted);margin:.2rem 0}
            .meta code{font-size:.85em;overflow-wrap:anywhere}
            td code{font-size:.85em}
            td.nowrap,td.nowrap code{white-space:nowrap}
            td.checks a{display:block;white-space:nowrap;font-size:.8rem;margin:.1rem 0}
            .tag{display:inline-block;padding:0 .45em;border-radius:.3em;font-size:.75rem;font-weight:650;line-height:1.6;color:#fff;background:var(--c,#4a4a4a);white-space:nowrap}
            .legend{display:flex;flex-wrap:wrap;gap:.4rem .9rem;align-items:center;margin:.6rem 0;padding:0;list-style:none;font-size:.9rem}
            .text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.05rem;line-height:2.15;padding:1rem 1.2rem;border:1px solid var(--line);border-radius:.5rem;background:#fcfcfd}
            .ev{position:relative;background:var(--tint);border-bottom:2px solid var(--c);border-radius:.2em;padding:.12em .05em;cursor:help}
            .ev::before{content:attr(data-label);font:650 .62rem/1 system-ui,sans-serif;color:#fff;background:var(--c);border-radius:.2em;padding:.15em .3em;margin-right:.2em;vertical-align:.2em;white-space:nowrap}
            .ev.cont::before{content:none}
            .ev.item{--c:#4a4a4a;--tint:transparent;border-bottom:2px dashed #4a4a4a}
            .ev.failing{border-bottom:3px double #b3261e}
            .ev.failing::before{background:#b3261e}
            .ev::after{content:attr(data-tip);display:none;position:absolute;left:0;top:calc(100% + .35em);z-index:20;width:max-content;min-width:14rem;max-width:min(30rem,80vw);padding:.5em .75em;white-space:pre-wrap;font:400 .85rem/1.45 system-ui,sans-serif;color:#fff;background:#202124;border-radius:.4em;box-shadow:0 2px 10px rgba(0,0,0,.35)}
            .ev:hover:not(:has(.ev:hover))::after,.ev:focus::after,.ev:target::after{display:block}
            .ev:focus::after,.ev:hover::after{z-index:30}
            .ev:target{outline:3px solid var(--mark);outline-offset:2px;scroll-margin:30vh 0}
            .ev:focus-visible{outline:3px solid var(--focus)}
            .wrap{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            caption{text-align:left;color:var(--muted);padding:.3rem 0}
            th,td{text-align:left;vertical-align:top;padding:.35em .55em;border-bottom:1px solid var(--line)}
            thead th{background:#f1f3f4}
            td.num,th.num{text-align:right}
            :target:is(tr,article,li){background:#fff4cc;outline:2px solid var(--mark);scroll-margin:20vh 0}
            dl.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.6rem;margin:.8rem 0}
            dl.summary div{border:1px solid var(--line);border-radius:.5rem;padding:.5rem .7rem}
            dl.summary dt{font-size:.8rem;color:var(--muted)}
            dl.summary dd{margin:0;font-size:1.4rem;font-weight:650}
            .result{border:1px solid var(--line);border-left:6px solid #5f6368;border-radius:.4rem;padding:.5rem .8rem;margin:.6rem 0}
            .result p{margin:.3rem 0}
            .result ul{margin:.2rem 0;padding-left:1.2rem;font-size:.9rem}
            .status-fail{--c:#b3261e}.status-error{--c:#8c4a00}.status-pass{--c:#1e6b35}.status-skipped{--c:#5f6368}.status-unchecked{--c:#6d6d6d}
            .result.status-fail,.result.status-error,.result.status-pass,.result.status-skipped{border-left-color:var(--c)}
            form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.6rem 0;padding:.6rem .8rem;background:#f6f7f8;border-radius:.5rem}
            form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
            form.filters select{font:inherit;font-size:.95rem;padding:.2rem;color:var(--ink)}
            [hidden]{display:none!important}
            details summary{cursor:pointer;font-weight:600;margin:.3rem 0}
            ul.problems{margin:.2rem 0;padding-left:1.1rem;font-size:.85rem}

            """
        for (index, colour) in palette.enumerated() {
            css += ".t\(index){--c:\(colour.strong);--tint:\(colour.tint)}\n"
        }
        return css
    }()

    /// The index's filter: shows the form (hidden without script), takes initial values from the query string
    /// (`?type=count&programme=…`), and hides the rows of the facts table that do not match. It never builds rows:
    /// without it, every row is there and shown.
    static let filterScript = """
        (function () {
          var form = document.getElementById('filters');
          var table = document.getElementById('facts');
          if (!form || !table) return;
          var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
          var rows = Array.prototype.slice.call(table.tBodies[0].rows);
          var shown = document.getElementById('shown');
          var params = new URLSearchParams(window.location.search);
          function apply() {
            var count = 0;
            rows.forEach(function (row) {
              var match = selects.every(function (select) {
                return select.value === '' || row.getAttribute('data-' + select.getAttribute('data-key')) === select.value;
              });
              row.hidden = !match;
              if (match) count += 1;
            });
            shown.textContent = count + ' of ' + rows.length + ' facts shown';
          }
          selects.forEach(function (select) {
            var wanted = params.get(select.name);
            if (wanted !== null) {
              select.value = wanted;
              if (select.value !== wanted) select.value = '';
            }
            select.addEventListener('change', apply);
          });
          form.addEventListener('submit', function (event) { event.preventDefault(); });
          form.hidden = false;
          apply();
        })();

        """

    /// The page up to and including `<body>`; the policy names the script's hash, so it comes first.
    static func head(title: String, script: String?, into out: inout HTMLBuffer) {
        out.append(script.map(headStart) ?? headStartWithoutScript)
        out.escaped(title)
        out.append(headEnd)
    }

    /// The head up to the title. Made once for the document pages, which have no script: hashing the style sheet
    /// for each of ten thousand pages was a measurable part of writing them.
    private static let headStartWithoutScript = headStart(script: nil)

    private static func headStart(script: String?) -> [UInt8] {
        let scriptSource = script.map { "'sha256-\(base64SHA256($0))'" } ?? "'none'"
        let policy = "default-src 'none'; style-src 'sha256-\(cssHash)'; script-src \(scriptSource); img-src 'none'; base-uri 'none'; form-action 'none'"
        let out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(policy)">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>
            """
        return Array(out.utf8)
    }

    private static let cssHash = base64SHA256(css)

    /// The head after the title.
    private static let headEnd = Array("</title>\n<style>\(css)</style>\n</head>\n<body>\n".utf8)

    /// The page from the script to the end.
    static func tail(script: String?, into out: inout HTMLBuffer) {
        if let script {
            out.append("<script>")
            out.append(script)
            out.append("</script>\n")
        }
        out.append("</body>\n</html>\n")
    }

    private static func base64SHA256(_ text: String) -> String {
        Data(SHA256.hash(data: Array(text.utf8))).base64EncodedString()
    }
}
