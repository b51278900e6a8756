"""Each dossier kind's state graph as an SVG picture (Graphviz `dot`)."""

from functools import lru_cache

import graphviz
from django.utils import translation

from .services.transitions import transition_label, transitions_of


def state_graph_svg(model) -> bytes:
    return _render(model, translation.get_language() or "fr")


@lru_cache(maxsize=32)
def _render(model, language: str) -> bytes:
    with translation.override(language):
        graph = graphviz.Digraph(model.kind_key(), format="svg")
        graph.attr(rankdir="LR", fontname="DejaVu Sans", fontsize="11")
        graph.attr("node", shape="box", style="rounded", fontname="DejaVu Sans", fontsize="11")
        graph.attr("edge", fontname="DejaVu Sans", fontsize="9")
        field = model._meta.get_field("state")
        for state, label in field.choices:
            graph.node(str(state), str(label))
        for name, meta in transitions_of(model).items():
            for source, transition in meta.transitions.items():
                sources = [s for s, _ in field.choices] if source in ("*", "+") else [source]
                for src in sources:
                    if transition.target is None or src == transition.target:
                        continue
                    graph.edge(str(src), str(transition.target), label=transition_label(model, name))
        return graph.pipe(format="svg")
