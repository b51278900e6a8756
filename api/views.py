"""/api/v1/: thin views over the engine's selectors, accessors and services,
the same ones the web pages use. What a reader may not see is a 404."""

from django.core.cache import cache
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from approvals.access import access, visible
from approvals.refusals import Refused
from approvals.letters.views import dossier_letters_for, letter_file_for
from approvals.models import Ballot
from approvals.registry import dossier_model_for_reference, dossier_models
from approvals.selectors import ballots_for_member, open_ballots_for_dossier, timeline
from approvals.services import available_transitions, is_generic, message_post, messages_mark_read, perform, vote_cast
from approvals.space.selectors import dossier_for_messages, messages_of

from grants.selectors import visible_opportunities
from members import selectors as member_selectors
from members import visibility

from . import serializers as s
from .pagination import paginate, paginated
from .permissions import ScopedToken, SignedIn


class ApiView(APIView):
    permission_classes = [SignedIn, ScopedToken]


def _dossier(request, reference):
    model = dossier_model_for_reference(reference)
    if model is None:
        raise Http404
    return access(request.user, model, reference=reference)


def _row(dossier) -> dict:
    return {
        "reference": dossier.reference,
        "kind": type(dossier).kind_key(),
        "kind_label": str(type(dossier).kind_label),
        "public_state": str(dossier.public_state),
        "updated_at": dossier.updated_at,
        "url": dossier.get_absolute_url(),
    }


class DossierList(ApiView):
    @extend_schema(
        summary="Les dossiers que vous pouvez voir",
        parameters=[OpenApiParameter("kind", str, description="un type de dossier (kind)"), *paginated()],
        responses=s.DossierSerializer(many=True),
    )
    def get(self, request):
        kind = request.query_params.get("kind", "")
        models = [m for m in dossier_models() if not kind or m.kind_key() == kind]
        querysets = [visible(request.user, model).order_by("-updated_at", "-pk") for model in models]
        return paginate(request, querysets, key=lambda d: d.updated_at, row=_row)


class DossierDetail(ApiView):
    @extend_schema(summary="Un dossier : état, échéances, historique", responses=s.DossierDetailSerializer)
    def get(self, request, reference):
        dossier = _dossier(request, reference)
        dossier.viewed(request._request, "timeline")  # sensitive kinds log the read
        internal = dossier.sees_internal(request.user)
        model = type(dossier)
        deadlines = []
        if dossier.deadline_at:
            deadlines.append({"what": str(model.public_label(dossier.state)), "at": dossier.deadline_at})
        if internal:
            deadlines += [{"what": ballot.question, "at": ballot.deadline} for ballot in open_ballots_for_dossier(dossier)]
        steps = [
            {
                "created_at": entry.created_at,
                "kind": entry.kind,
                "label": entry.public_label if not internal else (entry.transition_label or entry.public_label or entry.kind),
                "transition": entry.transition if internal else "",
                "from_state": entry.from_state if internal else "",
                "to_state": entry.to_state if internal else "",
                "actor": entry.actor_label if internal else "",
                "comment": entry.comment if internal else "",
            }
            for entry in timeline(dossier, internal=internal)
        ]
        return Response(
            s.DossierDetailSerializer(
                {
                    **_row(dossier),
                    "internal": internal,
                    "state": dossier.state if internal else "",
                    "state_label": str(model.state_label(dossier.state)) if internal else "",
                    "deadlines": deadlines,
                    "timeline": steps,
                    "transitions": [n for n in available_transitions(dossier, request.user) if is_generic(model, n)],
                }
            ).data
        )


class DossierTransition(ApiView):
    @extend_schema(summary="Faire avancer un dossier (les actions génériques, comme sur sa page)", request=s.TransitionInSerializer, responses=s.DossierSerializer)
    def post(self, request, reference, transition):
        dossier = _dossier(request, reference)
        if not is_generic(type(dossier), transition):
            raise Refused(_("Cette action se fait depuis la page du dossier, avec son propre formulaire."), status=403)
        data = s.TransitionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        perform(dossier, transition, by=request.user, comment=data.validated_data["comment"])
        return Response(s.DossierSerializer(_row(dossier)).data)


class BallotList(ApiView):
    @extend_schema(
        summary="Vos scrutins et votre vote",
        parameters=[OpenApiParameter("all", bool, description="aussi les scrutins clos")],
        responses=s.BallotSerializer(many=True),
    )
    def get(self, request):
        every = request.query_params.get("all", "").lower() in ("1", "true", "yes")
        rows = [
            {
                "id": ballot.pk,
                "committee": ballot.committee.code,
                "question": ballot.question,
                "dossier_reference": ballot.dossier_reference,
                "status": ballot.status,
                "deadline": ballot.deadline,
                "my_vote": ballot.my_vote,
                "recused": ballot.i_am_recused,
                "votes_cast": ballot.votes_cast,
            }
            for ballot in ballots_for_member(request.user, open_only=not every)[:200]
        ]
        return Response(s.BallotSerializer(rows, many=True).data)


class BallotVote(ApiView):
    @extend_schema(summary="Voter (ou changer son vote tant que le scrutin est ouvert)", request=s.VoteInSerializer, responses=s.VoteSerializer)
    def post(self, request, pk):
        if not ballots_for_member(request.user, open_only=False).filter(pk=pk).exists():
            raise Http404
        data = s.VoteInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vote = vote_cast(ballot_id=pk, by=request.user, choice=data.validated_data["choice"], comment=data.validated_data["comment"])
        ballot = Ballot.objects.only("status").get(pk=pk)
        return Response(s.VoteSerializer({"ballot": pk, "choice": vote.choice, "ballot_status": ballot.status}).data)


def _message_row(message) -> dict:
    return {
        "id": message.pk,
        "at": message.created_at,
        "side": "applicant" if message.from_applicant else "handler",
        "author": str(message.author),
        "body": message.body,
    }


class DossierMessages(ApiView):
    def _thread(self, request, reference):
        dossier, side = dossier_for_messages(request.user, reference)
        if dossier is None:
            raise Http404
        return dossier

    @extend_schema(summary="Les messages d'un dossier", responses=s.MessageSerializer(many=True))
    def get(self, request, reference):
        dossier = self._thread(request, reference)
        rows = [_message_row(m) for m in messages_of(dossier).order_by("created_at", "id")]
        messages_mark_read(dossier=dossier, user=request.user)
        return Response(s.MessageSerializer(rows, many=True).data)

    @extend_schema(summary="Écrire sur un dossier", request=s.MessageInSerializer, responses={201: s.MessageSerializer})
    def post(self, request, reference):
        dossier = self._thread(request, reference)
        data = s.MessageInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        posted = message_post(dossier=dossier, by=request.user, body=data.validated_data["body"])
        return Response(s.MessageSerializer(_message_row(posted)).data, status=status.HTTP_201_CREATED)


class DossierLetters(ApiView):
    @extend_schema(summary="Les lettres de décision d'un dossier", responses=s.LetterSerializer(many=True))
    def get(self, request, reference):
        rows = []
        for letter in dossier_letters_for(request._request, reference)[1]:
            rows.append(
                {
                    "id": letter.pk,
                    "reference": letter.reference,
                    "kind": letter.kind,
                    "language": letter.language,
                    "issued_at": letter.issued_at,
                    "revision": letter.revision,
                    "verification_code": letter.verification_code,
                    "docx": reverse("api:letter_file", kwargs={"pk": letter.pk, "fmt": "docx"}) if letter.file else None,
                    "pdf": reverse("api:letter_file", kwargs={"pk": letter.pk, "fmt": "pdf"}) if letter.pdf_file else None,
                }
            )
        return Response(s.LetterSerializer(rows, many=True).data)


class LetterFile(ApiView):
    @extend_schema(summary="Télécharger une lettre (.docx ou PDF)", responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk, fmt):
        file, filename, content_type = letter_file_for(request._request, pk, fmt)
        response = FileResponse(file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


DIRECTORY_SECONDS = 300


class Directory(APIView):
    """The public directory (public fields only) for the network's website."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        summary="L'annuaire public",
        parameters=[OpenApiParameter("country", str, description="code pays ISO (ex. CM)")],
        responses=s.DirectoryEntrySerializer(many=True),
    )
    def get(self, request):
        country = request.query_params.get("country", "")[:2].upper()
        key = f"relais:api:directory:{translation.get_language()}:{country}"
        rows = cache.get(key)
        if rows is None:
            level = visibility.PUBLIC
            fields = visibility.visible_fields(level)
            rows = [
                {
                    "id": organisation.pk,
                    "name": organisation.name,
                    "country": organisation.country,
                    "fields": {name: visibility.field_value(organisation, name) for name in fields},
                }
                for organisation in member_selectors.directory(level, country=country)
            ]
            rows = s.DirectoryEntrySerializer(rows, many=True).data
            cache.set(key, rows, DIRECTORY_SECONDS)
        response = Response(rows)
        response["Cache-Control"] = f"public, max-age={DIRECTORY_SECONDS}"
        return response


class Opportunities(ApiView):
    @extend_schema(summary="Les appels à propositions suivis (groupe Mobilisation de fonds)", responses=s.OpportunitySerializer(many=True))
    def get(self, request):
        rows = [
            {
                "reference": o.reference,
                "title": o.title,
                "funder": o.funder.name,
                "state": o.state,
                "state_label": str(type(o).state_label(o.state)),
                "deadline": o.full_proposal_deadline or o.concept_note_deadline,
                "url": o.get_absolute_url(),
            }
            for o in visible_opportunities(request.user).select_related("funder").order_by("-updated_at")[:500]
        ]
        return Response(s.OpportunitySerializer(rows, many=True).data)
