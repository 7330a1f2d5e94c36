#!/usr/bin/env python3
"""Fit the claim confidence model (Sources/ClaimExtraction/Resources/claim-confidence.toml).

Runs `claimd extract` with every candidate claim kept (min_confidence = 0) on annotated
articles (a folder of NAME.txt + NAME.json, the gold format of ../shared/eval/FORMAT.md),
labels each claim right or wrong the way the scorer pairs claims with the gold, fits an
L2-regularised logistic regression on the claims' signals, picks the probability threshold
where F1 peaks, and writes the weights. Deterministic: the same claims give the same file.

    Tools/fit-confidence.py --gold ../shared/eval/dev [--claimd .build/release/claimd] [--write]

Prints the fit, the precision/recall curve over thresholds, and the same curve for a two-fold
split by article (fit on one half, score the other), to show how far the fit carries; the default
threshold is where that held-out F1 peaks.
"""
import argparse, json, math, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "Sources", "ClaimExtraction", "Resources", "claim-confidence.toml")


def load_scorer(gold):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(gold)), ""))
    sys.path.insert(0, os.path.dirname(os.path.abspath(gold.rstrip("/"))))
    import score
    return score


def candidates(claimd, gold, scorer):
    """(article id, signals, label) for every candidate claim, and gold claim counts per article."""
    rows, golds = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, "claimd.toml")
        with open(config, "w") as f:
            f.write("[extraction]\nmin_confidence = 0.0\n")
        for g in scorer.load_gold(gold):
            out = subprocess.run([claimd, "extract", "--format", "jsonl", "--config", config, "--dct", g["dct"],
                                  os.path.join(gold, g["file"])], capture_output=True, text=True, check=True).stdout
            pred = json.loads(out)["claims"]
            gcl = g["claims"]
            golds[g["id"]] = len(gcl)

            def weight(gi, pi):
                gc, pc = gcl[gi], pred[pi]
                if pc["topic"] not in gc["topics"] or not scorer.actor_matches(pc["actor"]["name"], scorer.actor_names(gc["actor"], gc.get("aliases", []))):
                    return None
                return 2 * (pc["stance"] in gc["stances"]) + (pc["date"]["value"] == gc.get("date"))

            matched = set(scorer.best_matching(len(gcl), len(pred), weight).values())
            for i, c in enumerate(pred):
                rows.append((g["id"], c.get("signals", {}), 1 if i in matched else 0))
    return rows, golds


def fit(rows, names, l2=1.0, iterations=200):
    """Newton's method on the L2-regularised log-loss (the intercept is not regularised)."""
    n = len(names) + 1
    w = [0.0] * n
    X = [[1.0] + [r[1].get(k, 0.0) for k in names] for r in rows]
    y = [r[2] for r in rows]
    for _ in range(iterations):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for x, t in zip(X, y):
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x))))
            for i in range(n):
                grad[i] += (p - t) * x[i]
                for j in range(n):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, n):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w


def solve(a, b):
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def probability(w, names, signals):
    z = w[0] + sum(wi * signals.get(k, 0.0) for wi, k in zip(w[1:], names))
    return 1 / (1 + math.exp(-z))


def curve(rows, golds, w, names):
    """(threshold, precision, recall, F1) for kept claims, against every gold claim of the articles."""
    scored = [(probability(w, names, r[1]), r[2], r[0]) for r in rows]
    gold = sum(golds[a] for a in {r[0] for r in rows} | set(golds)) if False else sum(golds.values())
    out = []
    for t in [i / 20 for i in range(0, 20)]:
        kept = [s for s in scored if s[0] >= t]
        tp = sum(s[1] for s in kept)
        p = tp / len(kept) if kept else 0.0
        r = tp / gold if gold else 0.0
        out.append((t, p, r, 2 * p * r / (p + r) if p + r else 0.0))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, help="folder of annotated articles (NAME.txt + NAME.json)")
    ap.add_argument("--claimd", default=os.path.join(HERE, "..", ".build", "release", "claimd"))
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--write", action="store_true", help=f"write {os.path.relpath(OUTPUT)}")
    a = ap.parse_args()
    scorer = load_scorer(a.gold)
    rows, golds = candidates(a.claimd, a.gold, scorer)
    names = sorted({k for r in rows for k in r[1]})
    w = fit(rows, names, a.l2)
    print(f"{len(rows)} candidate claims ({sum(r[2] for r in rows)} right) in {len(golds)} articles "
          f"with {sum(golds.values())} gold claims; {len(names)} signals")
    for k, v in sorted(zip(names, w[1:]), key=lambda kv: -abs(kv[1])):
        print(f"  {k:28s} {v:+.3f}")
    print(f"  {'(intercept)':28s} {w[0]:+.3f}")
    fitted = curve(rows, golds, w, names)
    # Two folds by article: how the fit carries to articles it has not seen. The default threshold
    # is where that held-out F1 peaks, not the fitted one, which flatters the articles it was fitted on.
    ids = sorted(golds)
    folds = [set(ids[0::2]), set(ids[1::2])]
    held = []
    for fold in folds:
        train = [r for r in rows if r[0] not in fold]
        test = [r for r in rows if r[0] in fold]
        wf = fit(train, names, a.l2)
        held.append(curve(test, {k: v for k, v in golds.items() if k in fold}, wf, names))
    held_f1 = [sum(h[i][3] for h in held) / 2 for i in range(len(fitted))]
    best_index = max(range(len(fitted)), key=lambda i: (round(held_f1[i], 6), round(fitted[i][3], 6)))
    best = fitted[best_index]
    print("\nthreshold  precision  recall  F1   (fitted on all articles)   F1 on held-out half (fit on the other, mean of two folds)")
    for i, (t, p, r, f) in enumerate(fitted):
        print(f"  {t:.2f}      {p:.3f}     {r:.3f}   {f:.3f}   {held_f1[i]:.3f}{'  <- default' if i == best_index else ''}")
    if a.write:
        lines = ["# The confidence of a claim: a logistic model over the signals that found it (see",
                 "# Claims/ClaimSignals.swift). Written by Tools/fit-confidence.py from annotated articles; edit",
                 "# by refitting, not by hand. `threshold` is the default min_confidence.",
                 f"intercept = {w[0]:.4f}", f"threshold = {best[0]:.2f}", "", "[weights]"]
        lines += [f"{k} = {v:.4f}" for k, v in zip(names, w[1:])]
        with open(OUTPUT, "w") as f:
            f.write("\n".join(lines) + "\n")
        print(f"\nwrote {os.path.relpath(OUTPUT)}")


if __name__ == "__main__":
    main()
