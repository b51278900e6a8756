"""The words of the default letters in Spanish (Equatorial Guinea) and
Portuguese (São Tomé and Príncipe), kind by kind; build.py adds them to the
French and English ones of texts.py."""

ORG_LINE = "{{ organisation_name }}{% if organisation_acronym %} ({{ organisation_acronym }}){% endif %} — {{ country }}"

COMMON = {}
MINUTES = {}
LETTERS = {kind: {} for kind in ("membership_approved", "membership_rejected", "information_requested", "opportunity_go",
                                 "opportunity_no_go", "proposal_validated", "proposal_changes_requested",
                                 "emergency_granted", "emergency_declined", "document_adopted")}

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

LETTERS["document_adopted"]["es"] = {
    "subject": "Adopción del documento «{{ document_title }}»",
    "body": [
        ("p", "Mediante su decisión {{ decision_reference }} del {{ decision_date }}, el {{ committee_name }} "
         "adoptó el documento «{{ document_title }}» ({{ document_kind }}, versión {{ version_number }}) "
         "presentado por el {{ working_group }} (expediente {{ dossier_reference }})."),
        ("p", "El documento se publica para {{ audience }}. Gracias al grupo por este trabajo."),
    ],
}
LETTERS["document_adopted"]["pt"] = {
    "subject": "Adoção do documento «{{ document_title }}»",
    "body": [
        ("p", "Pela sua decisão {{ decision_reference }} de {{ decision_date }}, o {{ committee_name }} "
         "adotou o documento «{{ document_title }}» ({{ document_kind }}, versão {{ version_number }}) "
         "apresentado pelo {{ working_group }} (processo {{ dossier_reference }})."),
        ("p", "O documento é publicado para {{ audience }}. Obrigado ao grupo por este trabalho."),
    ],
}
