"""The words of the default letters in French and English (build.py makes
the .docx files from them; Spanish and Portuguese are in texts_es_pt.py)."""


# Paragraph markers: ("p", text) plain; ("b", text) bold; ("h", text) heading-like;
# ("tag", "{%p ... %}") a docxtpl paragraph tag, alone in its paragraph; ("bullet", text).
ORG_LINE = "{{ organisation_name }}{% if organisation_acronym %} ({{ organisation_acronym }}){% endif %} — {{ country }}"

COMMON = {
    "fr": {
        "reference": "Réf. : {{ letter_reference }}",
        "decision": "Décision : {{ decision_reference }} du {{ decision_date }}",
        "dossier": "Dossier : {{ dossier_reference }}",
        "date": "Le {{ today }}",
        "to": "À l'attention de {{ recipient_name }}",
        "salutation": "Madame, Monsieur,",
        "conditions": "Conditions : {{ conditions }}",
        "amount": "Montant : {{ amount }} {{ currency }}",
        "closing": "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        "footer": "{{ network.name }} · {{ letter_reference }} · Code de vérification : {{ verification_code }} · "
        "Vérifiez l'authenticité de cette lettre sur {{ verify_url }}",
        "subject": "Objet : ",
    },
    "en": {
        "reference": "Ref.: {{ letter_reference }}",
        "decision": "Decision: {{ decision_reference }} of {{ decision_date }}",
        "dossier": "File: {{ dossier_reference }}",
        "date": "{{ today }}",
        "to": "For the attention of {{ recipient_name }}",
        "salutation": "Dear Sir or Madam,",
        "conditions": "Conditions: {{ conditions }}",
        "amount": "Amount: {{ amount }} {{ currency }}",
        "closing": "Yours faithfully,",
        "footer": "{{ network.name }} · {{ letter_reference }} · Verification code: {{ verification_code }} · "
        "Check that this letter is authentic at {{ verify_url }}",
        "subject": "Subject: ",
    },
}

LETTERS = {
    "membership_approved": {
        "fr": {
            "subject": "Décision sur votre demande d'adhésion",
            "to_extra": ORG_LINE,
            "body": [
                ("p", "Nous avons le plaisir de vous informer que, par sa décision {{ decision_reference }} du "
                 "{{ decision_date }}, le {{ committee_name }} de {{ network.name }} a approuvé la demande d'adhésion "
                 "de {{ organisation_name }} (dossier {{ dossier_reference }})."),
                ("p", "Votre organisation figure désormais au répertoire des membres du réseau. Votre point focal "
                 "recevra les informations utiles pour prendre part à ses activités."),
                ("tag", "{%p if directory_reference %}"),
                ("p", "Référence au répertoire des membres : {{ directory_reference }}"),
                ("tag", "{%p endif %}"),
            ],
        },
        "en": {
            "subject": "Decision on your membership application",
            "to_extra": ORG_LINE,
            "body": [
                ("p", "We are pleased to inform you that, by its decision {{ decision_reference }} of "
                 "{{ decision_date }}, the {{ committee_name }} of {{ network.name }} approved the membership "
                 "application of {{ organisation_name }} (file {{ dossier_reference }})."),
                ("p", "Your organisation is now listed in the network's directory of members. Your focal point "
                 "will receive what is needed to take part in the network's activities."),
                ("tag", "{%p if directory_reference %}"),
                ("p", "Directory reference: {{ directory_reference }}"),
                ("tag", "{%p endif %}"),
            ],
        },
    },
    "membership_rejected": {
        "fr": {
            "subject": "Décision sur votre demande d'adhésion",
            "to_extra": ORG_LINE,
            "body": [
                ("p", "Par sa décision {{ decision_reference }} du {{ decision_date }}, le {{ committee_name }} de "
                 "{{ network.name }} n'a pas retenu la demande d'adhésion de {{ organisation_name }} "
                 "(dossier {{ dossier_reference }})."),
                ("tag", "{%p if reasons %}"),
                ("b", "Motifs :"),
                ("tag", "{%p for reason in reasons %}"),
                ("bullet", "{{ reason }}"),
                ("tag", "{%p endfor %}"),
                ("tag", "{%p endif %}"),
                ("p", "Cette décision n'empêche pas une nouvelle demande, une fois levés les motifs indiqués. "
                 "Le secrétariat ({{ network.email }}) reste à votre disposition pour toute question."),
            ],
        },
        "en": {
            "subject": "Decision on your membership application",
            "to_extra": ORG_LINE,
            "body": [
                ("p", "By its decision {{ decision_reference }} of {{ decision_date }}, the {{ committee_name }} of "
                 "{{ network.name }} did not accept the membership application of {{ organisation_name }} "
                 "(file {{ dossier_reference }})."),
                ("tag", "{%p if reasons %}"),
                ("b", "Reasons:"),
                ("tag", "{%p for reason in reasons %}"),
                ("bullet", "{{ reason }}"),
                ("tag", "{%p endfor %}"),
                ("tag", "{%p endif %}"),
                ("p", "This decision does not prevent a new application once the reasons given have been addressed. "
                 "The secretariat ({{ network.email }}) will gladly answer your questions."),
            ],
        },
    },
    "information_requested": {
        "fr": {
            "subject": "Demande d'informations complémentaires",
            "to_extra": ORG_LINE,
            "decision": False,
            "body": [
                ("p", "La demande d'adhésion de {{ organisation_name }} (dossier {{ dossier_reference }}) est en "
                 "cours d'examen. Pour la présenter au comité, nous avons besoin des éléments suivants :"),
                ("tag", "{%p for item in requested_items %}"),
                ("bullet", "{{ item }}"),
                ("tag", "{%p endfor %}"),
                ("p", "Merci de les déposer dans Relais, sur la page de votre dossier. L'examen reprendra dès "
                 "leur réception."),
            ],
        },
        "en": {
            "subject": "Request for further information",
            "to_extra": ORG_LINE,
            "decision": False,
            "body": [
                ("p", "The membership application of {{ organisation_name }} (file {{ dossier_reference }}) is "
                 "being reviewed. Before it goes to the committee, we need the following:"),
                ("tag", "{%p for item in requested_items %}"),
                ("bullet", "{{ item }}"),
                ("tag", "{%p endfor %}"),
                ("p", "Please upload them in Relais, on your file's page. The review resumes as soon as we "
                 "receive them."),
            ],
        },
    },
    "opportunity_go": {
        "fr": {
            "subject": "Opportunité de financement retenue",
            "body": [
                ("p", "Par sa décision {{ decision_reference }} du {{ decision_date }}, le {{ committee_name }} a "
                 "décidé de donner suite à l'appel « {{ opportunity_title }} » de {{ funder_name }} "
                 "(dossier {{ dossier_reference }})."),
                ("p", "La préparation de la candidature peut commencer, dans les délais fixés par le bailleur."),
            ],
        },
        "en": {
            "subject": "Funding opportunity pursued",
            "body": [
                ("p", "By its decision {{ decision_reference }} of {{ decision_date }}, the {{ committee_name }} "
                 "decided to pursue the call “{{ opportunity_title }}” of {{ funder_name }} "
                 "(file {{ dossier_reference }})."),
                ("p", "Work on the application may begin, within the funder's deadlines."),
            ],
        },
    },
    "opportunity_no_go": {
        "fr": {
            "subject": "Opportunité de financement non retenue",
            "body": [
                ("p", "Par sa décision {{ decision_reference }} du {{ decision_date }}, le {{ committee_name }} a "
                 "décidé de ne pas donner suite à l'appel « {{ opportunity_title }} » de {{ funder_name }} "
                 "(dossier {{ dossier_reference }})."),
                ("p", "Merci pour le travail de veille et d'analyse qui a permis cette décision."),
            ],
        },
        "en": {
            "subject": "Funding opportunity not pursued",
            "body": [
                ("p", "By its decision {{ decision_reference }} of {{ decision_date }}, the {{ committee_name }} "
                 "decided not to pursue the call “{{ opportunity_title }}” of {{ funder_name }} "
                 "(file {{ dossier_reference }})."),
                ("p", "Thank you for the monitoring and analysis that made this decision possible."),
            ],
        },
    },
    "proposal_validated": {
        "fr": {
            "subject": "Validation du projet commun",
            "body": [
                ("p", "Par sa décision {{ decision_reference }} du {{ decision_date }}, le {{ committee_name }} a "
                 "validé le projet commun « {{ proposal_title }} » porté par {{ lead_organisation }}"
                 "{% if partners %}, avec {{ partners|join(', ') }}{% endif %} (dossier {{ dossier_reference }})."),
                ("p", "Le projet peut être finalisé et soumis au bailleur."),
            ],
        },
        "en": {
            "subject": "Joint proposal validated",
            "body": [
                ("p", "By its decision {{ decision_reference }} of {{ decision_date }}, the {{ committee_name }} "
                 "validated the joint proposal “{{ proposal_title }}” led by {{ lead_organisation }}"
                 "{% if partners %}, with {{ partners|join(', ') }}{% endif %} (file {{ dossier_reference }})."),
                ("p", "The proposal may be finalised and submitted to the funder."),
            ],
        },
    },
    "proposal_changes_requested": {
        "fr": {
            "subject": "Projet commun : modifications demandées",
            "body": [
                ("p", "Par sa décision {{ decision_reference }} du {{ decision_date }}, le {{ committee_name }} "
                 "demande des modifications au projet commun « {{ proposal_title }} » porté par "
                 "{{ lead_organisation }}{% if partners %}, avec {{ partners|join(', ') }}{% endif %} "
                 "(dossier {{ dossier_reference }}), avant de le valider."),
                ("p", "Le projet revient en rédaction ; il sera présenté à nouveau au comité une fois modifié."),
            ],
        },
        "en": {
            "subject": "Joint proposal: changes requested",
            "body": [
                ("p", "By its decision {{ decision_reference }} of {{ decision_date }}, the {{ committee_name }} "
                 "asks for changes to the joint proposal “{{ proposal_title }}” led by {{ lead_organisation }}"
                 "{% if partners %}, with {{ partners|join(', ') }}{% endif %} (file {{ dossier_reference }}) "
                 "before validating it."),
                ("p", "The proposal goes back to drafting and will be presented to the committee again once revised."),
            ],
        },
    },
    "document_adopted": {
        "fr": {
            "subject": "Adoption du document « {{ document_title }} »",
            "body": [
                ("p", "Par sa décision {{ decision_reference }} du {{ decision_date }}, le {{ committee_name }} a "
                 "adopté le document « {{ document_title }} » ({{ document_kind }}, version {{ version_number }}) "
                 "soumis par le {{ working_group }} (dossier {{ dossier_reference }})."),
                ("p", "Le document est publié pour {{ audience }}. Merci au groupe pour ce travail."),
            ],
        },
        "en": {
            "subject": "Document “{{ document_title }}” adopted",
            "body": [
                ("p", "By its decision {{ decision_reference }} of {{ decision_date }}, the {{ committee_name }} "
                 "adopted the document “{{ document_title }}” ({{ document_kind }}, version {{ version_number }}) "
                 "submitted by the {{ working_group }} (file {{ dossier_reference }})."),
                ("p", "The document is published to {{ audience }}. Thank you to the group for this work."),
            ],
        },
    },
    "emergency_granted": {
        "fr": {
            "subject": "Soutien d'urgence accordé — dossier {{ dossier_reference }}",
            "confidential": "Confidentiel",
            "body": [
                ("p", "Par sa décision {{ decision_reference }} du {{ decision_date }}, le {{ committee_name }} a "
                 "accordé un soutien d'urgence au bénéficiaire {{ beneficiary_code }} ({{ country }})."),
                ("p", "Soutien accordé : {{ support_types|join(', ') }}."),
                ("p", "Le chargé de dossier vous indiquera les modalités de versement. Ce courrier est confidentiel : "
                 "ne le transmettez qu'aux personnes qui doivent le connaître."),
            ],
        },
        "en": {
            "subject": "Emergency support granted — file {{ dossier_reference }}",
            "confidential": "Confidential",
            "body": [
                ("p", "By its decision {{ decision_reference }} of {{ decision_date }}, the {{ committee_name }} "
                 "granted emergency support to beneficiary {{ beneficiary_code }} ({{ country }})."),
                ("p", "Support granted: {{ support_types|join(', ') }}."),
                ("p", "The case officer will tell you how the support will be paid. This letter is confidential: "
                 "share it only with those who need to know."),
            ],
        },
    },
    "emergency_declined": {
        "fr": {
            "subject": "Demande de soutien d'urgence — dossier {{ dossier_reference }}",
            "confidential": "Confidentiel",
            "body": [
                ("p", "Par sa décision {{ decision_reference }} du {{ decision_date }}, le {{ committee_name }} n'a "
                 "pas pu accorder le soutien demandé pour le bénéficiaire {{ beneficiary_code }} ({{ country }})."),
                ("p", "Le chargé de dossier reste à votre disposition pour chercher d'autres voies de soutien. "
                 "Ce courrier est confidentiel : ne le transmettez qu'aux personnes qui doivent le connaître."),
            ],
        },
        "en": {
            "subject": "Request for emergency support — file {{ dossier_reference }}",
            "confidential": "Confidential",
            "body": [
                ("p", "By its decision {{ decision_reference }} of {{ decision_date }}, the {{ committee_name }} "
                 "could not grant the support requested for beneficiary {{ beneficiary_code }} ({{ country }})."),
                ("p", "The case officer remains available to look for other sources of support. This letter is "
                 "confidential: share it only with those who need to know."),
            ],
        },
    },
}

MINUTES = {
    "fr": {
        "title": "Procès-verbal",
        "meeting": "{{ committee_name }} — {{ meeting_kind }} du {{ meeting_date }}{% if meeting_place %}, {{ meeting_place }}{% endif %}",
        "reference": "Référence : {{ dossier_reference }} ({{ letter_reference }})",
        "present": "Présents",
        "absent": "Absents : {% if absentees %}{{ absentees|join(', ') }}{% else %}aucun{% endif %}",
        "agenda": "Ordre du jour",
        "decisions": "Décisions prises en séance",
        "decision": "{{ d.reference }} — dossier {{ d.dossier }} : {{ d.outcome }}",
        "no_decision": "Aucune décision n'a été prise en séance.",
        "notes": "Points divers",
        "done": "Fait le {{ today }}.",
        "signed": "Pour le comité, {{ recipient_name }}",
    },
    "en": {
        "title": "Minutes",
        "meeting": "{{ committee_name }} — {{ meeting_kind }} of {{ meeting_date }}{% if meeting_place %}, {{ meeting_place }}{% endif %}",
        "reference": "Reference: {{ dossier_reference }} ({{ letter_reference }})",
        "present": "Present",
        "absent": "Absent: {% if absentees %}{{ absentees|join(', ') }}{% else %}none{% endif %}",
        "agenda": "Agenda",
        "decisions": "Decisions taken in session",
        "decision": "{{ d.reference }} — file {{ d.dossier }}: {{ d.outcome }}",
        "no_decision": "No decision was taken in session.",
        "notes": "Other business",
        "done": "Done on {{ today }}.",
        "signed": "For the committee, {{ recipient_name }}",
    },
}
