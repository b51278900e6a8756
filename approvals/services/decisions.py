"""After a decision is recorded: the default handler does nothing more;
approvals.letters registers the one that renders the decision letter."""

from ..registry import handler_for, outbox_handler

if handler_for("decision.recorded") is None:

    @outbox_handler("decision.recorded")
    def _nothing_more(payload, message):
        return None
