"""Article text cut into segments, each carrying the highlight layers that cover it.

Spans (speaker source, cue, content, event trigger) may nest or overlap, so the text
is cut at every span boundary and each piece lists the layers over it. The
template renders every piece as an autoescaped <span>; nothing here produces HTML.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Layer:
    kind: str  # source | cue | content | trigger
    start: int
    end: int
    title: str
    anchor: str | None = None


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(f"hl-{k}" for k in self.kinds)

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(self.titles))


def _who(entity: dict | None) -> str:
    if not entity:
        return "unresolved"
    code = entity.get("country") or entity.get("org")
    name = entity.get("canonical") or entity.get("name")
    return f"{name} [{code}]" if code else name


def layers(article: dict) -> list[Layer]:
    out: list[Layer] = []
    for a in article["attributions"]:
        speaker = a.get("speaker")
        who = f"{_who(speaker)} · confidence {a['confidence']:.2f}" if speaker else (
            f"no resolved speaker · confidence {a['confidence']:.2f}")
        label = f"{a['kind']} quote — speaker: {who}"
        anchor = f"quote-{a['id']}"
        out.append(Layer("content", a["content_start"], a["content_end"], label, anchor))
        if a.get("cue_start") is not None:
            out.append(Layer("cue", a["cue_start"], a["cue_end"], f"cue “{a['cue_text']}” — speaker: {who}"))
        if a.get("source_start") is not None:
            out.append(Layer("source", a["source_start"], a["source_end"], f"speaker: {who}"))
    for e in article["events"]:
        src = ", ".join(_who(x) for x in e["source"]) or "?"
        tgt = ", ".join(_who(x) for x in e["target"]) or "—"
        title = f"event {src} → {e['type']} → {tgt} · {e['factuality']} · confidence {e['confidence']:.2f}"
        out.append(Layer("trigger", e["trigger_start"], e["trigger_end"], title, f"event-{e['id']}"))
    return out


def segments(text: str, spans: list[Layer]) -> list[Segment]:
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        over = [s for s in spans if s.start <= a and s.end >= b]
        order = {"content": 0, "source": 1, "cue": 2, "trigger": 3}
        over.sort(key=lambda s: order[s.kind])
        seg = Segment(text[a:b], [s.kind for s in over], [s.title for s in over])
        seg.anchors = [s.anchor for s in over if s.anchor and s.start == a]
        out.append(seg)
    return out
