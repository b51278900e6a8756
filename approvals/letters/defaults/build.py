"""Build the default letter templates shipped with Relais.

    .venv/bin/python approvals/letters/defaults/build.py

writes `<kind>.<language>.docx` next to this file, one per letter kind and
language. They are docxtpl templates: Jinja in Word paragraphs, reading only
the variables of their kind (approvals/letters/kinds.py). The letterhead
(name, logo, address, signatory) comes from the context, so another network
changes its settings, not these files. Commit the .docx files with this
script; migration 0004 loads them as version 1 of each template, and
`manage.py load_letter_templates --update` adds a new version when they change.
"""

import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
BRAND = RGBColor(0x0B, 0x5C, 0x55)

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


# --- Spanish (Equatorial Guinea) and Portuguese (São Tomé and Príncipe) ----------------

COMMON["es"] = {
    "reference": "Ref.: {{ letter_reference }}",
    "decision": "Decisión: {{ decision_reference }} del {{ decision_date }}",
    "dossier": "Expediente: {{ dossier_reference }}",
    "date": "{{ today }}",
    "to": "A la atención de {{ recipient_name }}",
    "salutation": "Señora, señor:",
    "conditions": "Condiciones: {{ conditions }}",
    "amount": "Importe: {{ amount }} {{ currency }}",
    "closing": "Reciba un cordial saludo.",
    "footer": "{{ network.name }} · {{ letter_reference }} · Código de verificación: {{ verification_code }} · "
    "Compruebe la autenticidad de esta carta en {{ verify_url }}",
    "subject": "Asunto: ",
}
COMMON["pt"] = {
    "reference": "Ref.: {{ letter_reference }}",
    "decision": "Decisão: {{ decision_reference }} de {{ decision_date }}",
    "dossier": "Processo: {{ dossier_reference }}",
    "date": "{{ today }}",
    "to": "À atenção de {{ recipient_name }}",
    "salutation": "Exma. Senhora, Exmo. Senhor,",
    "conditions": "Condições: {{ conditions }}",
    "amount": "Montante: {{ amount }} {{ currency }}",
    "closing": "Com os melhores cumprimentos,",
    "footer": "{{ network.name }} · {{ letter_reference }} · Código de verificação: {{ verification_code }} · "
    "Verifique a autenticidade desta carta em {{ verify_url }}",
    "subject": "Assunto: ",
}

LETTERS["membership_approved"]["es"] = {
    "subject": "Decisión sobre su solicitud de adhesión",
    "to_extra": ORG_LINE,
    "body": [
        ("p", "Nos complace informarle de que, mediante su decisión {{ decision_reference }} del "
         "{{ decision_date }}, el {{ committee_name }} de {{ network.name }} aprobó la solicitud de adhesión "
         "de {{ organisation_name }} (expediente {{ dossier_reference }})."),
        ("p", "Su organización figura ya en el directorio de miembros de la red. Su punto focal recibirá "
         "la información necesaria para participar en sus actividades."),
        ("tag", "{%p if directory_reference %}"),
        ("p", "Referencia en el directorio de miembros: {{ directory_reference }}"),
        ("tag", "{%p endif %}"),
    ],
}
LETTERS["membership_approved"]["pt"] = {
    "subject": "Decisão sobre o seu pedido de adesão",
    "to_extra": ORG_LINE,
    "body": [
        ("p", "Temos o prazer de informar que, pela sua decisão {{ decision_reference }} de "
         "{{ decision_date }}, o {{ committee_name }} de {{ network.name }} aprovou o pedido de adesão "
         "de {{ organisation_name }} (processo {{ dossier_reference }})."),
        ("p", "A sua organização consta agora do diretório de membros da rede. O seu ponto focal receberá "
         "as informações necessárias para participar nas suas atividades."),
        ("tag", "{%p if directory_reference %}"),
        ("p", "Referência no diretório de membros: {{ directory_reference }}"),
        ("tag", "{%p endif %}"),
    ],
}
LETTERS["membership_rejected"]["es"] = {
    "subject": "Decisión sobre su solicitud de adhesión",
    "to_extra": ORG_LINE,
    "body": [
        ("p", "Mediante su decisión {{ decision_reference }} del {{ decision_date }}, el {{ committee_name }} de "
         "{{ network.name }} no aceptó la solicitud de adhesión de {{ organisation_name }} "
         "(expediente {{ dossier_reference }})."),
        ("tag", "{%p if reasons %}"),
        ("b", "Motivos:"),
        ("tag", "{%p for reason in reasons %}"),
        ("bullet", "{{ reason }}"),
        ("tag", "{%p endfor %}"),
        ("tag", "{%p endif %}"),
        ("p", "Esta decisión no impide presentar una nueva solicitud, una vez resueltos los motivos indicados. "
         "La secretaría ({{ network.email }}) queda a su disposición para cualquier pregunta."),
    ],
}
LETTERS["membership_rejected"]["pt"] = {
    "subject": "Decisão sobre o seu pedido de adesão",
    "to_extra": ORG_LINE,
    "body": [
        ("p", "Pela sua decisão {{ decision_reference }} de {{ decision_date }}, o {{ committee_name }} de "
         "{{ network.name }} não aceitou o pedido de adesão de {{ organisation_name }} "
         "(processo {{ dossier_reference }})."),
        ("tag", "{%p if reasons %}"),
        ("b", "Motivos:"),
        ("tag", "{%p for reason in reasons %}"),
        ("bullet", "{{ reason }}"),
        ("tag", "{%p endfor %}"),
        ("tag", "{%p endif %}"),
        ("p", "Esta decisão não impede um novo pedido, uma vez resolvidos os motivos indicados. "
         "O secretariado ({{ network.email }}) fica à sua disposição para qualquer questão."),
    ],
}
LETTERS["information_requested"]["es"] = {
    "subject": "Solicitud de información complementaria",
    "to_extra": ORG_LINE,
    "decision": False,
    "body": [
        ("p", "La solicitud de adhesión de {{ organisation_name }} (expediente {{ dossier_reference }}) está "
         "en estudio. Para presentarla al comité, necesitamos los siguientes elementos:"),
        ("tag", "{%p for item in requested_items %}"),
        ("bullet", "{{ item }}"),
        ("tag", "{%p endfor %}"),
        ("p", "Le rogamos que los deposite en Relais, en la página de su expediente. El estudio se reanudará "
         "en cuanto los recibamos."),
    ],
}
LETTERS["information_requested"]["pt"] = {
    "subject": "Pedido de informações complementares",
    "to_extra": ORG_LINE,
    "decision": False,
    "body": [
        ("p", "O pedido de adesão de {{ organisation_name }} (processo {{ dossier_reference }}) está em "
         "análise. Para o apresentar ao comité, precisamos dos seguintes elementos:"),
        ("tag", "{%p for item in requested_items %}"),
        ("bullet", "{{ item }}"),
        ("tag", "{%p endfor %}"),
        ("p", "Pedimos que os carregue no Relais, na página do seu processo. A análise será retomada assim "
         "que os recebermos."),
    ],
}
LETTERS["opportunity_go"]["es"] = {
    "subject": "Oportunidad de financiación seleccionada",
    "body": [
        ("p", "Mediante su decisión {{ decision_reference }} del {{ decision_date }}, el {{ committee_name }} "
         "decidió dar curso a la convocatoria «{{ opportunity_title }}» de {{ funder_name }} "
         "(expediente {{ dossier_reference }})."),
        ("p", "La preparación de la candidatura puede comenzar, dentro de los plazos fijados por el donante."),
    ],
}
LETTERS["opportunity_go"]["pt"] = {
    "subject": "Oportunidade de financiamento selecionada",
    "body": [
        ("p", "Pela sua decisão {{ decision_reference }} de {{ decision_date }}, o {{ committee_name }} "
         "decidiu dar seguimento ao concurso «{{ opportunity_title }}» de {{ funder_name }} "
         "(processo {{ dossier_reference }})."),
        ("p", "A preparação da candidatura pode começar, dentro dos prazos fixados pelo financiador."),
    ],
}
LETTERS["opportunity_no_go"]["es"] = {
    "subject": "Oportunidad de financiación no seleccionada",
    "body": [
        ("p", "Mediante su decisión {{ decision_reference }} del {{ decision_date }}, el {{ committee_name }} "
         "decidió no dar curso a la convocatoria «{{ opportunity_title }}» de {{ funder_name }} "
         "(expediente {{ dossier_reference }})."),
        ("p", "Gracias por el trabajo de seguimiento y análisis que hizo posible esta decisión."),
    ],
}
LETTERS["opportunity_no_go"]["pt"] = {
    "subject": "Oportunidade de financiamento não selecionada",
    "body": [
        ("p", "Pela sua decisão {{ decision_reference }} de {{ decision_date }}, o {{ committee_name }} "
         "decidiu não dar seguimento ao concurso «{{ opportunity_title }}» de {{ funder_name }} "
         "(processo {{ dossier_reference }})."),
        ("p", "Obrigado pelo trabalho de acompanhamento e análise que tornou esta decisão possível."),
    ],
}
LETTERS["proposal_validated"]["es"] = {
    "subject": "Validación del proyecto conjunto",
    "body": [
        ("p", "Mediante su decisión {{ decision_reference }} del {{ decision_date }}, el {{ committee_name }} "
         "validó el proyecto conjunto «{{ proposal_title }}» dirigido por {{ lead_organisation }}"
         "{% if partners %}, con {{ partners|join(', ') }}{% endif %} (expediente {{ dossier_reference }})."),
        ("p", "El proyecto puede finalizarse y presentarse al donante."),
    ],
}
LETTERS["proposal_validated"]["pt"] = {
    "subject": "Validação do projeto conjunto",
    "body": [
        ("p", "Pela sua decisão {{ decision_reference }} de {{ decision_date }}, o {{ committee_name }} "
         "validou o projeto conjunto «{{ proposal_title }}» liderado por {{ lead_organisation }}"
         "{% if partners %}, com {{ partners|join(', ') }}{% endif %} (processo {{ dossier_reference }})."),
        ("p", "O projeto pode ser finalizado e submetido ao financiador."),
    ],
}
LETTERS["proposal_changes_requested"]["es"] = {
    "subject": "Proyecto conjunto: se solicitan cambios",
    "body": [
        ("p", "Mediante su decisión {{ decision_reference }} del {{ decision_date }}, el {{ committee_name }} "
         "solicita cambios en el proyecto conjunto «{{ proposal_title }}» dirigido por "
         "{{ lead_organisation }}{% if partners %}, con {{ partners|join(', ') }}{% endif %} "
         "(expediente {{ dossier_reference }}) antes de validarlo."),
        ("p", "El proyecto vuelve a la fase de redacción; se presentará de nuevo al comité una vez modificado."),
    ],
}
LETTERS["proposal_changes_requested"]["pt"] = {
    "subject": "Projeto conjunto: alterações pedidas",
    "body": [
        ("p", "Pela sua decisão {{ decision_reference }} de {{ decision_date }}, o {{ committee_name }} "
         "pede alterações ao projeto conjunto «{{ proposal_title }}» liderado por "
         "{{ lead_organisation }}{% if partners %}, com {{ partners|join(', ') }}{% endif %} "
         "(processo {{ dossier_reference }}) antes de o validar."),
        ("p", "O projeto volta à fase de redação; será apresentado de novo ao comité depois de alterado."),
    ],
}
LETTERS["emergency_granted"]["es"] = {
    "subject": "Apoyo de emergencia concedido — expediente {{ dossier_reference }}",
    "confidential": "Confidencial",
    "body": [
        ("p", "Mediante su decisión {{ decision_reference }} del {{ decision_date }}, el {{ committee_name }} "
         "concedió un apoyo de emergencia al beneficiario {{ beneficiary_code }} ({{ country }})."),
        ("p", "Apoyo concedido: {{ support_types|join(', ') }}."),
        ("p", "El responsable del expediente le indicará cómo se entregará el apoyo. Esta carta es confidencial: "
         "compártala solo con las personas que deban conocerla."),
    ],
}
LETTERS["emergency_granted"]["pt"] = {
    "subject": "Apoio de emergência concedido — processo {{ dossier_reference }}",
    "confidential": "Confidencial",
    "body": [
        ("p", "Pela sua decisão {{ decision_reference }} de {{ decision_date }}, o {{ committee_name }} "
         "concedeu um apoio de emergência ao beneficiário {{ beneficiary_code }} ({{ country }})."),
        ("p", "Apoio concedido: {{ support_types|join(', ') }}."),
        ("p", "O responsável pelo processo indicar-lhe-á como o apoio será entregue. Esta carta é confidencial: "
         "partilhe-a apenas com as pessoas que precisam de a conhecer."),
    ],
}
LETTERS["emergency_declined"]["es"] = {
    "subject": "Solicitud de apoyo de emergencia — expediente {{ dossier_reference }}",
    "confidential": "Confidencial",
    "body": [
        ("p", "Mediante su decisión {{ decision_reference }} del {{ decision_date }}, el {{ committee_name }} no "
         "pudo conceder el apoyo solicitado para el beneficiario {{ beneficiary_code }} ({{ country }})."),
        ("p", "El responsable del expediente queda a su disposición para buscar otras vías de apoyo. "
         "Esta carta es confidencial: compártala solo con las personas que deban conocerla."),
    ],
}
LETTERS["emergency_declined"]["pt"] = {
    "subject": "Pedido de apoio de emergência — processo {{ dossier_reference }}",
    "confidential": "Confidencial",
    "body": [
        ("p", "Pela sua decisão {{ decision_reference }} de {{ decision_date }}, o {{ committee_name }} não "
         "pôde conceder o apoio pedido para o beneficiário {{ beneficiary_code }} ({{ country }})."),
        ("p", "O responsável pelo processo fica à sua disposição para procurar outras vias de apoio. "
         "Esta carta é confidencial: partilhe-a apenas com as pessoas que precisam de a conhecer."),
    ],
}

MINUTES["es"] = {
    "title": "Acta",
    "meeting": "{{ committee_name }} — {{ meeting_kind }} del {{ meeting_date }}{% if meeting_place %}, {{ meeting_place }}{% endif %}",
    "reference": "Referencia: {{ dossier_reference }} ({{ letter_reference }})",
    "present": "Presentes",
    "absent": "Ausentes: {% if absentees %}{{ absentees|join(', ') }}{% else %}ninguno{% endif %}",
    "agenda": "Orden del día",
    "decisions": "Decisiones tomadas en sesión",
    "decision": "{{ d.reference }} — expediente {{ d.dossier }}: {{ d.outcome }}",
    "no_decision": "No se tomó ninguna decisión en sesión.",
    "notes": "Asuntos varios",
    "done": "Hecho el {{ today }}.",
    "signed": "Por el comité, {{ recipient_name }}",
}
MINUTES["pt"] = {
    "title": "Ata",
    "meeting": "{{ committee_name }} — {{ meeting_kind }} de {{ meeting_date }}{% if meeting_place %}, {{ meeting_place }}{% endif %}",
    "reference": "Referência: {{ dossier_reference }} ({{ letter_reference }})",
    "present": "Presentes",
    "absent": "Ausentes: {% if absentees %}{{ absentees|join(', ') }}{% else %}nenhum{% endif %}",
    "agenda": "Ordem do dia",
    "decisions": "Decisões tomadas em sessão",
    "decision": "{{ d.reference }} — processo {{ d.dossier }}: {{ d.outcome }}",
    "no_decision": "Não foi tomada nenhuma decisão em sessão.",
    "notes": "Outros assuntos",
    "done": "Feito em {{ today }}.",
    "signed": "Pelo comité, {{ recipient_name }}",
}


def _document(language: str):
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    props = document.core_properties
    props.author = "Relais"
    props.title = "{{ letter_reference }}"
    props.subject = "{{ dossier_reference }}"
    props.comments = ""
    props.language = language
    props.created = props.modified = datetime(2026, 1, 1)
    props.revision = 1

    header = section.header
    header.paragraphs[0].text = "{%p if network.logo %}"
    header.add_paragraph("{{ network.logo }}")
    header.add_paragraph("{%p endif %}")
    name = header.add_paragraph()
    run = name.add_run("{{ network.name }}")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BRAND
    header.add_paragraph("{{ network.long_name }}").runs[0].font.size = Pt(9)
    header.add_paragraph("{{ network.address }} · {{ network.email }}").runs[0].font.size = Pt(9)

    footer = section.footer
    footer.paragraphs[0].text = COMMON[language]["footer"]
    footer.paragraphs[0].runs[0].font.size = Pt(8)
    return document


def _paragraph(document, kind: str, text: str):
    if kind == "tag":
        return document.add_paragraph(text)
    if kind == "bullet":
        return document.add_paragraph(f"• {text}")
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    if kind in {"b", "h"}:
        run.bold = True
    if kind == "h":
        run.font.size = Pt(12)
        run.font.color.rgb = BRAND
    return paragraph


def build_letter(kind: str, language: str, spec: dict):
    words = COMMON[language]
    document = _document(language)
    date = document.add_paragraph(words["date"])
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if spec.get("confidential"):
        _paragraph(document, "b", spec["confidential"].upper())
    document.add_paragraph(words["reference"])
    if spec.get("decision", True):
        document.add_paragraph(words["decision"])
    document.add_paragraph(words["dossier"])
    document.add_paragraph()
    _paragraph(document, "b", words["to"])
    if spec.get("to_extra"):
        document.add_paragraph(spec["to_extra"])
    document.add_paragraph()
    _paragraph(document, "b", words["subject"] + spec["subject"])
    document.add_paragraph(words["salutation"])
    for item_kind, text in spec["body"]:
        _paragraph(document, item_kind, text)
    if spec.get("decision", True):
        _paragraph(document, "tag", "{%p if amount %}")
        _paragraph(document, "b", words["amount"])
        _paragraph(document, "tag", "{%p endif %}")
        _paragraph(document, "tag", "{%p if conditions %}")
        document.add_paragraph(words["conditions"])
        _paragraph(document, "tag", "{%p endif %}")
    document.add_paragraph(words["closing"])
    document.add_paragraph()
    _paragraph(document, "b", "{{ network.signatory }}")
    document.add_paragraph("{{ network.signatory_title }}")
    return document


def build_minutes(language: str):
    words = MINUTES[language]
    document = _document(language)
    title = document.add_paragraph()
    run = title.add_run(words["title"])
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BRAND
    _paragraph(document, "b", "{{ meeting_title }}")
    document.add_paragraph(words["meeting"])
    document.add_paragraph(words["reference"])
    _paragraph(document, "h", words["present"])
    _paragraph(document, "tag", "{%p for name in attendees %}")
    _paragraph(document, "bullet", "{{ name }}")
    _paragraph(document, "tag", "{%p endfor %}")
    document.add_paragraph(words["absent"])
    _paragraph(document, "tag", "{%p if agenda %}")
    _paragraph(document, "h", words["agenda"])
    _paragraph(document, "tag", "{%p for item in agenda %}")
    _paragraph(document, "bullet", "{{ item }}")
    _paragraph(document, "tag", "{%p endfor %}")
    _paragraph(document, "tag", "{%p endif %}")
    _paragraph(document, "h", words["decisions"])
    _paragraph(document, "tag", "{%p for d in decisions %}")
    _paragraph(document, "bullet", words["decision"])
    _paragraph(document, "tag", "{%p else %}")
    document.add_paragraph(words["no_decision"])
    _paragraph(document, "tag", "{%p endfor %}")
    _paragraph(document, "tag", "{%p if notes %}")
    _paragraph(document, "h", words["notes"])
    document.add_paragraph("{{ notes }}")
    _paragraph(document, "tag", "{%p endif %}")
    document.add_paragraph()
    document.add_paragraph(words["done"])
    _paragraph(document, "b", words["signed"])
    return document


def build(directory: Path = HERE) -> list[Path]:
    written = []
    for language in COMMON:
        for kind, spec in LETTERS.items():
            path = directory / f"{kind}.{language}.docx"
            build_letter(kind, language, spec[language]).save(path)
            written.append(path)
        path = directory / f"meeting_minutes.{language}.docx"
        build_minutes(language).save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path.name)
