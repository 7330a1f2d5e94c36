import ClaimModel
import Foundation

/// A self-contained HTML timeline: one lane per actor, claims as marks coloured by stance
/// (a ring where the stance changed), events as squares, the quote and source on hover and
/// on click, and a filter by topic. Everything is inline (no script, style or font is
/// fetched), so the page opens from a file, offline, years later.
///
/// The marks are written into the page itself, positioned by date, so it reads without
/// scripts too; the script adds the filter, the detail panel and `#topics=a,b` / `#claim=ID`
/// links to a filtered view or a claim.
public enum TimelinePage {
    public static func html(_ data: ExportData, title: String) -> String {
        let days = (data.claims.map(\.day) + data.events.map(\.day)).compactMap(CalendarDay.init)
        let first = days.min() ?? CalendarDay(year: 2000, month: 1, day: 1)!
        let last = max(days.max() ?? first, first.adding(days: 1))
        let span = Double(last.dayNumber - first.dayNumber)
        func position(_ day: String) -> String {
            let offset = CalendarDay(day).map { Double($0.dayNumber - first.dayNumber) / span } ?? 0
            return String(format: "%.3f", 1 + offset * 98) // 1…99%, so marks at the ends stay whole
        }
        var lanes = ""
        for actor in data.actors {
            var marks = ""
            var stacked: [String: Int] = [:]
            func row(_ day: String) -> Int {
                defer { stacked[day, default: 0] += 1 }
                return stacked[day, default: 0] % 4
            }
            for event in data.events where event.actors.contains(actor) {
                marks += """
                    <button class="mark event" style="left:\(position(event.day))%;top:\(4 + 9 * row(event.day))px" data-kind="event" \
                    data-id="\(event.id)" data-day="\(event.day)" data-date="\(escape(event.date.value))" data-type="\(escape(CAMEO.describe(event.type)))" \
                    data-text="\(escape(event.text))" data-actors="\(escape(event.actors.joined(separator: ", ")))" \(sourceAttributes(event.document)) \
                    title="\(escape("\(event.date.value) — \(CAMEO.describe(event.type)): \(event.text)"))"></button>
                    """
            }
            for claim in data.claims where claim.actor.name == actor {
                let changed = claim.previousStance.map { " changed\" data-previous=\"\($0.rawValue)" } ?? ""
                marks += """
                    <button class="mark claim \(claim.stance.rawValue)\(changed)" style="left:\(position(claim.day))%;top:\(4 + 9 * row(claim.day))px" \
                    data-kind="claim" data-id="\(claim.id)" data-day="\(claim.day)" data-date="\(escape(claim.date.value))" \
                    data-topic="\(escape(claim.topic))" data-stance="\(claim.stance.rawValue)" data-actor="\(escape(actor))" \
                    data-text="\(escape(claim.text))" \(sourceAttributes(claim.document)) \
                    title="\(escape("\(claim.date.value) — \(actor): \(claim.stance.rawValue) on \(claim.topic): “\(claim.text)” (\(sourceLine(claim.document).isEmpty ? claim.document.path : sourceLine(claim.document)))"))"></button>
                    """
            }
            lanes += """
                <div class="lane" data-actor="\(escape(actor))"><div class="name" title="\(escape(actor))">\(escape(actor))</div>\
                <div class="track">\(marks)</div></div>\n
                """
        }
        let topics = data.topics.map { topic in
            "<label><input type=\"checkbox\" data-topic=\"\(escape(topic))\" checked> \(escape(topic))</label>"
        }.joined(separator: "\n")
        let ticks = axisTicks(from: first, to: last).map { day in
            "<span class=\"tick\" style=\"left:\(position(day.description))%\">\(day.day == 1 && day.month == 1 ? "\(day.year)" : monthName(day))</span>"
        }.joined()
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="claimd">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(title))</h1>
            <p class="summary">\(data.claims.count) claims and \(data.events.count) events of \(data.actors.count) actors, \
            \(first.description) to \(last.description)</p>
            <div class="legend"><span class="mark claim support"></span> support <span class="mark claim oppose"></span> oppose \
            <span class="mark claim conditional"></span> conditional <span class="mark claim neutral"></span> neutral \
            <span class="mark claim support changed"></span> stance changed <span class="mark event"></span> event</div>
            <fieldset id="topics"><legend>Topics</legend>
            \(topics)
            <button type="button" id="all-topics">all</button> <button type="button" id="no-topics">none</button>
            </fieldset>
            </header>
            <main>
            <div class="axis">\(ticks)</div>
            <div id="lanes">
            \(lanes)</div>
            </main>
            <aside id="detail" hidden></aside>
            <script>\(script)</script>
            </body>
            </html>

            """
    }

    private static func sourceAttributes(_ document: DocumentRef) -> String {
        let line = sourceLine(document).isEmpty ? document.path : sourceLine(document)
        return "data-source=\"\(escape(line))\"" + (document.url.map { " data-url=\"\(escape($0))\"" } ?? "")
    }

    /// First days of years, or of months when the span is short, at most about a dozen.
    static func axisTicks(from first: CalendarDay, to last: CalendarDay) -> [CalendarDay] {
        let months = (last.year - first.year) * 12 + last.month - first.month
        let step = months <= 12 ? 1 : months <= 36 ? 3 : months <= 120 ? 12 : 12 * ((months / 120) + 1)
        var ticks: [CalendarDay] = []
        var day = CalendarDay(year: first.year, month: first.month, day: 1)!.adding(months: 1)
        if step >= 12 { day = CalendarDay(year: first.year + 1, month: 1, day: 1)! }
        while day <= last {
            ticks.append(day)
            day = day.adding(months: step)
        }
        return ticks
    }

    private static func monthName(_ day: CalendarDay) -> String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.month - 1] + " \(day.year)"
    }

    static let style = """
        :root { --support: #2e7d32; --oppose: #c62828; --conditional: #e0a000; --neutral: #8a8a8a; --event: #1f5fbf; }
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
        header { padding: 12px 20px; background: #fff; border-bottom: 1px solid #ddd; }
        h1 { font-size: 20px; margin: 0 0 4px; }
        .summary { margin: 0 0 6px; color: #555; }
        .legend { margin-bottom: 6px; }
        .legend .mark { position: static; display: inline-block; vertical-align: middle; margin-left: 10px; }
        fieldset { border: 1px solid #ddd; padding: 4px 8px; }
        fieldset label { margin-right: 10px; white-space: nowrap; }
        main { padding: 8px 20px 40px; }
        .axis { position: relative; height: 20px; margin-left: 180px; border-bottom: 1px solid #bbb; }
        .tick { position: absolute; transform: translateX(-50%); font-size: 11px; color: #666; white-space: nowrap; }
        .lane { display: flex; border-bottom: 1px solid #eee; }
        .name { width: 170px; flex: none; padding: 6px 10px 6px 0; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .track { position: relative; flex: 1; height: 44px; }
        .mark { position: absolute; width: 12px; height: 12px; padding: 0; border: 0; border-radius: 50%; cursor: pointer; transform: translateX(-50%); }
        .mark.support { background: var(--support); }
        .mark.oppose { background: var(--oppose); }
        .mark.conditional { background: var(--conditional); }
        .mark.neutral { background: var(--neutral); }
        .mark.changed { box-shadow: 0 0 0 2px #fff, 0 0 0 4px #222; }
        .mark.event { background: var(--event); border-radius: 2px; width: 10px; height: 10px; }
        .mark.hidden { display: none; }
        .mark.selected { outline: 3px solid #ff9800; outline-offset: 2px; }
        #detail { position: fixed; left: 0; right: 0; bottom: 0; max-height: 40vh; overflow: auto; background: #fff;
                  border-top: 1px solid #ccc; box-shadow: 0 -4px 16px rgba(0,0,0,.12); padding: 10px 20px; }
        #detail h2 { font-size: 16px; margin: 0; }
        #detail p { margin: 2px 0; }
        body.detail-open main { padding-bottom: 42vh; }
        #detail blockquote { margin: 8px 0; padding-left: 10px; border-left: 3px solid #ccc; }
        #detail .close { float: right; border: 0; background: none; font-size: 18px; cursor: pointer; }
        """

    static let script = """
        (function () {
          var marks = Array.prototype.slice.call(document.querySelectorAll('.mark[data-kind]'));
          var boxes = Array.prototype.slice.call(document.querySelectorAll('#topics input[data-topic]'));
          var detail = document.getElementById('detail');
          function applyFilter() {
            var shown = {};
            boxes.forEach(function (box) { shown[box.dataset.topic] = box.checked; });
            marks.forEach(function (mark) {
              var topic = mark.dataset.topic;
              mark.classList.toggle('hidden', topic !== undefined && !shown[topic]);
            });
          }
          function text(tag, value, className) {
            var node = document.createElement(tag);
            node.textContent = value;
            if (className) { node.className = className; }
            return node;
          }
          function show(mark) {
            marks.forEach(function (other) { other.classList.remove('selected'); });
            mark.classList.add('selected');
            detail.textContent = '';
            var close = text('button', '×', 'close');
            close.type = 'button';
            close.onclick = function () {
              detail.hidden = true;
              document.body.classList.remove('detail-open');
              mark.classList.remove('selected');
            };
            detail.appendChild(close);
            var d = mark.dataset;
            if (d.kind === 'claim') {
              var stance = d.stance + (d.previous ? ' (was ' + d.previous + ')' : '');
              detail.appendChild(text('h2', d.actor + ': ' + stance, 'headline'));
              detail.appendChild(text('p', d.topic + ' · ' + d.date, 'meta'));
            } else {
              detail.appendChild(text('h2', d.type, 'headline'));
              detail.appendChild(text('p', d.actors + ' · ' + d.date, 'meta'));
            }
            detail.appendChild(text('blockquote', d.text, 'quote'));
            var source = document.createElement('p');
            source.className = 'source';
            if (d.url) {
              var link = text('a', d.source);
              link.href = d.url;
              link.target = '_blank';
              link.rel = 'noopener';
              source.appendChild(link);
            } else {
              source.textContent = d.source;
            }
            detail.appendChild(source);
            detail.hidden = false;
            // The panel covers the bottom of the page: room is made so no lane stays under it.
            document.body.classList.add('detail-open');
          }
          marks.forEach(function (mark) { mark.addEventListener('click', function () { show(mark); }); });
          boxes.forEach(function (box) { box.addEventListener('change', applyFilter); });
          document.getElementById('all-topics').onclick = function () { boxes.forEach(function (b) { b.checked = true; }); applyFilter(); };
          document.getElementById('no-topics').onclick = function () { boxes.forEach(function (b) { b.checked = false; }); applyFilter(); };
          // #topics=a,b shows those topics only; #claim=ID opens a claim: links to a view.
          var hash = decodeURIComponent(location.hash.slice(1));
          hash.split('&').forEach(function (part) {
            var pair = part.split('=');
            if (pair[0] === 'topics') {
              var wanted = pair[1].split(',');
              boxes.forEach(function (box) { box.checked = wanted.indexOf(box.dataset.topic) >= 0; });
            } else if (pair[0] === 'claim' || pair[0] === 'event') {
              var mark = document.querySelector('.mark[data-kind="' + pair[0] + '"][data-id="' + pair[1] + '"]');
              if (mark) { show(mark); }
            }
          });
          applyFilter();
        })();
        """
}
