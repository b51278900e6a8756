"""What the API answers, field by field (the schema is generated from
these). Sensitive kinds show their reference and public state only."""

from rest_framework import serializers

from approvals.models import Choice


class StepSerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    kind = serializers.CharField()
    label = serializers.CharField()
    transition = serializers.CharField(allow_blank=True)
    from_state = serializers.CharField(allow_blank=True)
    to_state = serializers.CharField(allow_blank=True)
    actor = serializers.CharField(allow_blank=True)
    comment = serializers.CharField(allow_blank=True)


class DeadlineSerializer(serializers.Serializer):
    what = serializers.CharField()
    at = serializers.DateTimeField()


class DossierSerializer(serializers.Serializer):
    reference = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    public_state = serializers.CharField()
    updated_at = serializers.DateTimeField()
    url = serializers.CharField()


class DossierDetailSerializer(DossierSerializer):
    internal = serializers.BooleanField()
    state = serializers.CharField(allow_blank=True)
    state_label = serializers.CharField(allow_blank=True)
    deadlines = DeadlineSerializer(many=True)
    timeline = StepSerializer(many=True)
    transitions = serializers.ListField(child=serializers.CharField())


class TransitionInSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class BallotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    committee = serializers.CharField()
    question = serializers.CharField()
    dossier_reference = serializers.CharField()
    status = serializers.CharField()
    deadline = serializers.DateTimeField()
    my_vote = serializers.CharField(allow_null=True)
    recused = serializers.BooleanField()
    votes_cast = serializers.IntegerField()


class VoteInSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=Choice.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class VoteSerializer(serializers.Serializer):
    ballot = serializers.IntegerField()
    choice = serializers.CharField()
    ballot_status = serializers.CharField()


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    side = serializers.CharField()
    author = serializers.CharField()
    body = serializers.CharField()


class MessageInSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000, trim_whitespace=False)


class LetterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    kind = serializers.CharField()
    language = serializers.CharField()
    issued_at = serializers.DateTimeField()
    revision = serializers.IntegerField()
    verification_code = serializers.CharField()
    docx = serializers.CharField(allow_null=True)
    pdf = serializers.CharField(allow_null=True)


class DirectoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField()
    fields = serializers.DictField(child=serializers.JSONField())


class OpportunitySerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    funder = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    deadline = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField()
