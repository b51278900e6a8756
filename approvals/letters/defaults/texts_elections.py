"""The words of the default election procès-verbal (election_minutes), in
the four languages (build_elections.py makes the .docx files from them)."""

ELECTION_MINUTES = {
    "fr": {
        "title": "Procès-verbal d'élection",
        "body": "{{ committee_name }} — mandat du {{ term_start }} au {{ term_end }}",
        "reference": "Référence : {{ dossier_reference }} ({{ letter_reference }})",
        "rules": "Règles de l'élection",
        "seats": "Sièges à pourvoir : {{ seats }}",
        "count": "Organisations appelées à voter : {{ organisations_count }} · bulletins déposés : {{ votes_cast }} "
        "(dont blancs : {{ blank_ballots }}) · dépouillement du {{ counted_date }}",
        "secret": "Vote à bulletin secret : une organisation membre, une voix. Le registre des votants est tenu à part "
        "des bulletins ; aucun bulletin ne peut être rattaché à une organisation.",
        "results": "Résultats",
        "result": "{{ r.rank }}. {{ r.name }} ({{ r.organisation }}, {{ r.country }}) — {{ r.votes }} voix — {{ r.outcome }}"
        "{% if r.note %} ({{ r.note }}){% endif %}",
        "elected": "Sont élu·es",
        "none": "Aucun siège n'a été pourvu.",
        "ties": "Égalités départagées par tirage au sort : {{ ties }}. Tirage : SHA-256 de « {{ tie_seed }}:<numéro de "
        "candidature> », le plus petit d'abord.",
        "done": "Fait le {{ today }}.",
        "signed": "Pour le bureau de vote, {{ recipient_name }}",
    },
    "en": {
        "title": "Election minutes",
        "body": "{{ committee_name }} — term from {{ term_start }} to {{ term_end }}",
        "reference": "Reference: {{ dossier_reference }} ({{ letter_reference }})",
        "rules": "Rules of the election",
        "seats": "Seats to fill: {{ seats }}",
        "count": "Organisations called to vote: {{ organisations_count }} · ballots cast: {{ votes_cast }} "
        "(blank: {{ blank_ballots }}) · counted on {{ counted_date }}",
        "secret": "Secret ballot: one member organisation, one vote. The register of voters is kept apart from the "
        "ballots; no ballot can be traced to an organisation.",
        "results": "Results",
        "result": "{{ r.rank }}. {{ r.name }} ({{ r.organisation }}, {{ r.country }}) — {{ r.votes }} votes — {{ r.outcome }}"
        "{% if r.note %} ({{ r.note }}){% endif %}",
        "elected": "Elected",
        "none": "No seat was filled.",
        "ties": "Ties broken by lot: {{ ties }}. Draw: SHA-256 of \"{{ tie_seed }}:<candidacy number>\", smallest first.",
        "done": "Done on {{ today }}.",
        "signed": "For the polling committee, {{ recipient_name }}",
    },
    "es": {
        "title": "Acta de elección",
        "body": "{{ committee_name }} — mandato del {{ term_start }} al {{ term_end }}",
        "reference": "Referencia: {{ dossier_reference }} ({{ letter_reference }})",
        "rules": "Reglas de la elección",
        "seats": "Puestos por cubrir: {{ seats }}",
        "count": "Organizaciones llamadas a votar: {{ organisations_count }} · papeletas depositadas: {{ votes_cast }} "
        "(en blanco: {{ blank_ballots }}) · escrutinio del {{ counted_date }}",
        "secret": "Voto secreto: una organización miembro, un voto. El registro de votantes se lleva aparte de las "
        "papeletas; ninguna papeleta puede vincularse a una organización.",
        "results": "Resultados",
        "result": "{{ r.rank }}. {{ r.name }} ({{ r.organisation }}, {{ r.country }}) — {{ r.votes }} votos — {{ r.outcome }}"
        "{% if r.note %} ({{ r.note }}){% endif %}",
        "elected": "Resultan elegidas y elegidos",
        "none": "No se cubrió ningún puesto.",
        "ties": "Empates resueltos por sorteo: {{ ties }}. Sorteo: SHA-256 de «{{ tie_seed }}:<número de candidatura>», "
        "el menor primero.",
        "done": "Hecho el {{ today }}.",
        "signed": "Por la mesa electoral, {{ recipient_name }}",
    },
    "pt": {
        "title": "Ata de eleição",
        "body": "{{ committee_name }} — mandato de {{ term_start }} a {{ term_end }}",
        "reference": "Referência: {{ dossier_reference }} ({{ letter_reference }})",
        "rules": "Regras da eleição",
        "seats": "Lugares a preencher: {{ seats }}",
        "count": "Organizações chamadas a votar: {{ organisations_count }} · boletins depositados: {{ votes_cast }} "
        "(em branco: {{ blank_ballots }}) · apuramento de {{ counted_date }}",
        "secret": "Voto secreto: uma organização membro, um voto. O registo dos votantes é mantido à parte dos "
        "boletins; nenhum boletim pode ser ligado a uma organização.",
        "results": "Resultados",
        "result": "{{ r.rank }}. {{ r.name }} ({{ r.organisation }}, {{ r.country }}) — {{ r.votes }} votos — {{ r.outcome }}"
        "{% if r.note %} ({{ r.note }}){% endif %}",
        "elected": "São eleitas e eleitos",
        "none": "Nenhum lugar foi preenchido.",
        "ties": "Empates desfeitos por sorteio: {{ ties }}. Sorteio: SHA-256 de «{{ tie_seed }}:<número de candidatura>», "
        "o menor primeiro.",
        "done": "Feito em {{ today }}.",
        "signed": "Pela mesa de voto, {{ recipient_name }}",
    },
}
