#!/usr/bin/env python3
"""Generate data/articles.json from the 细则 seed text.

Usage (from the crate root):
    python3 scripts/seed_to_articles.py            # rewrite data/articles.json
    python3 scripts/seed_to_articles.py --check    # exit 1 if data/articles.json is stale

The seed lays the document out one line per unit:
  line 1   addressees of the issuing notice
  line 2   the issuing sentence
  line 3-4 the title, broken over two lines
  then     articles: a line starting with 第X条 opens an article; every later line belongs to
           it until the next 第X条 line
  last 2   the signature: issuer, date

Inside an article each line is one unit of structure:
  "(一)人事训练部门"  a numbered item (项) with a Chinese numeral; in 第十条 its text is a heading
  "1.聘请专业人员…"   a numbered item; a sub-item (目) when it follows a "(一)" item
  any other line      a new paragraph (款), except directly under a "(一)" heading item, where it is
                      that item's unnumbered body (第十条 (五)(六)(十))

Whitespace is layout, not text: the space after 第X条 (present or not) and after "4." are dropped.
The text is otherwise kept character for character, with the seed's own punctuation.
"""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_03af99b33f974c16.txt"
OUT = ROOT / "data" / "articles.json"

DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMERAL = "[一二三四五六七八九十]+"


def chinese_to_int(s):
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)
    return DIGITS[s]


ARTICLE_RE = re.compile(r"^第(" + NUMERAL + r")条\s*(.*)$")
CN_ITEM_RE = re.compile(r"^\((" + NUMERAL + r")\)\s*(.*)$")
AR_ITEM_RE = re.compile(r"^(\d+)\.\s*(.*)$")


def parse_article(no, title, lines):
    paragraphs = []
    heading_item = None  # the current "(一)" item, if any
    for line in lines:
        m_cn = CN_ITEM_RE.match(line)
        m_ar = AR_ITEM_RE.match(line)
        if m_cn:
            item = {
                "number": chinese_to_int(m_cn.group(1)),
                "marker": "(" + m_cn.group(1) + ")",
                "text": m_cn.group(2),
                "details": [],
                "items": [],
            }
            paragraphs[-1]["items"].append(item)
            heading_item = item
        elif m_ar:
            item = {
                "number": int(m_ar.group(1)),
                "marker": m_ar.group(1) + ".",
                "text": m_ar.group(2),
                "details": [],
                "items": [],
            }
            parent = heading_item if heading_item is not None else paragraphs[-1]
            parent["items"].append(item)
        elif heading_item is not None:
            heading_item["details"].append(line)
        else:
            paragraphs.append({"text": line, "items": []})
    return {"no": no, "title": title, "paragraphs": [compact(p) for p in paragraphs]}


def compact(node):
    """Drop empty lists so the JSON shows only the structure that is there."""
    out = {}
    for key, value in node.items():
        if isinstance(value, list):
            if value:
                out[key] = [compact(v) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out


def build():
    lines = [l.strip() for l in SEED.read_text(encoding="utf-8").splitlines() if l.strip()]
    addressees, notice, title1, title2 = lines[0:4]
    issuer, date = lines[-2:]
    body = lines[4:-2]

    articles = []
    current = None
    for line in body:
        m = ARTICLE_RE.match(line)
        if m:
            no = chinese_to_int(m.group(1))
            current = {"no": no, "title": "第" + m.group(1) + "条", "lines": [m.group(2)]}
            articles.append(current)
        else:
            current["lines"].append(line)

    for expected, art in enumerate(articles, start=1):
        if art["no"] != expected:
            raise SystemExit(f"article {art['title']} out of order (expected {expected})")

    m = re.match(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", date)
    if not m:
        raise SystemExit(f"signature date not understood: {date}")
    iso = f"{int(m.group(1)):04}-{int(m.group(2)):02}-{int(m.group(3)):02}"

    return {
        "generated_by": "scripts/seed_to_articles.py from ../shared/seed/000_03af99b33f974c16.txt",
        "title_lines": [title1, title2],
        "preamble": {"addressees": addressees, "notice": notice},
        "signature": {"issuer": issuer, "date_text": date, "date": iso},
        "articles": [parse_article(a["no"], a["title"], a["lines"]) for a in articles],
    }


def main():
    text = json.dumps(build(), ensure_ascii=False, indent=2) + "\n"
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python3 scripts/seed_to_articles.py", file=sys.stderr)
            sys.exit(1)
        print(f"{OUT} matches the seed")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
