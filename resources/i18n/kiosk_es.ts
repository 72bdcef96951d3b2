<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US" sourcelanguage="en_US">
    <context>
        <name>AdminScreen</name>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>%1 minutes</source>
            <translation>%1 minutos</translation>
        </message>
        <message>
            <source>%1 seconds</source>
            <translation>%1 segundos</translation>
        </message>
        <message>
            <source>1 minute</source>
            <translation>1 minuto</translation>
        </message>
        <message>
            <source>A ZIP code has 5 digits.</source>
            <translation>Un código postal tiene 5 dígitos.</translation>
        </message>
        <message>
            <source>Admin status</source>
            <translation>Estado del kiosco</translation>
        </message>
        <message>
            <source>Back to the kiosk</source>
            <translation>Volver al kiosco</translation>
        </message>
        <message>
            <source>Check the databases</source>
            <translation>Revisar las bases de datos</translation>
        </message>
        <message>
            <source>Clear counts</source>
            <translation>Borrar los conteos</translation>
        </message>
        <message>
            <source>Closes the kiosk; it does not start again until the computer restarts</source>
            <translation>Cierra el kiosco; no vuelve a abrir hasta que se reinicie la computadora</translation>
        </message>
        <message>
            <source>Content database</source>
            <translation>Base de datos del contenido</translation>
        </message>
        <message>
            <source>Content: as bundled with the app</source>
            <translation>Contenido: el que viene con la aplicación</translation>
        </message>
        <message>
            <source>Content: signed pack version %1</source>
            <translation>Contenido: paquete firmado, versión %1</translation>
        </message>
        <message>
            <source>Content: signed pack version %1, built %2, from %3 (installed %4)</source>
            <translation>Contenido: paquete firmado, versión %1, creado el %2, de %3 (instalado el %4)</translation>
        </message>
        <message>
            <source>Count screen views (no visitor details)</source>
            <translation>Contar las pantallas vistas (sin datos de los visitantes)</translation>
        </message>
        <message>
            <source>Counting screen views is off</source>
            <translation>El conteo de pantallas está apagado</translation>
        </message>
        <message>
            <source>Counting screen views is on</source>
            <translation>El conteo de pantallas está encendido</translation>
        </message>
        <message>
            <source>Counts cleared.</source>
            <translation>Conteos borrados.</translation>
        </message>
        <message>
            <source>Data on this kiosk</source>
            <translation>Datos en este kiosco</translation>
        </message>
        <message>
            <source>Database check result</source>
            <translation>Resultado de la revisión</translation>
        </message>
        <message>
            <source>English</source>
            <translation>Inglés</translation>
        </message>
        <message>
            <source>Exit the kiosk</source>
            <translation>Salir del kiosco</translation>
        </message>
        <message>
            <source>Find printers</source>
            <translation>Buscar impresoras</translation>
        </message>
        <message>
            <source>From %1</source>
            <translation>De %1</translation>
        </message>
        <message>
            <source>Guide sections: %1, questions and answers: %2</source>
            <translation>Partes de la guía: %1, preguntas y respuestas: %2</translation>
        </message>
        <message>
            <source>Helpline order</source>
            <translation>Orden de las líneas de ayuda</translation>
        </message>
        <message>
            <source>Helplines (the first one is shown large)</source>
            <translation>Líneas de ayuda (la primera se muestra grande)</translation>
        </message>
        <message>
            <source>Helplines, the ZIP code and the language apply after a restart. This screen closes by itself after a minute without a touch.</source>
            <translation>Las líneas de ayuda, el código postal y el idioma cambian al reiniciar. Esta pantalla se cierra sola después de un minuto sin tocarla.</translation>
        </message>
        <message>
            <source>High contrast at start is off</source>
            <translation>El alto contraste al empezar está apagado</translation>
        </message>
        <message>
            <source>High contrast at start is on</source>
            <translation>El alto contraste al empezar está encendido</translation>
        </message>
        <message>
            <source>High contrast each visitor starts with</source>
            <translation>Alto contraste con el que empieza cada visitante</translation>
        </message>
        <message>
            <source>Kiosk ZIP code</source>
            <translation>Código postal del kiosco</translation>
        </message>
        <message>
            <source>Kiosk administration</source>
            <translation>Administración del kiosco</translation>
        </message>
        <message>
            <source>Language when the kiosk starts</source>
            <translation>Idioma al iniciar el kiosco</translation>
        </message>
        <message>
            <source>Large</source>
            <translation>Grande</translation>
        </message>
        <message>
            <source>Largest</source>
            <translation>Muy grande</translation>
        </message>
        <message>
            <source>Last directory import: %1 added, %2 removed, %3 changed</source>
            <translation>Última carga del directorio: %1 agregados, %2 quitados, %3 cambiados</translation>
        </message>
        <message>
            <source>Last pack check, %1: %2</source>
            <translation>Última búsqueda de paquetes, %1: %2</translation>
        </message>
        <message>
            <source>Longer</source>
            <translation>Más tiempo</translation>
        </message>
        <message>
            <source>Look for signed content packs at start and daily</source>
            <translation>Buscar paquetes de contenido firmados al iniciar y cada día</translation>
        </message>
        <message>
            <source>Looking for content packs is off</source>
            <translation>La búsqueda de paquetes está apagada</translation>
        </message>
        <message>
            <source>Looking for content packs is on</source>
            <translation>La búsqueda de paquetes está encendida</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>Bajar</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>Subir</translation>
        </message>
        <message>
            <source>No ZIP code: saved.</source>
            <translation>Sin código postal: guardado.</translation>
        </message>
        <message>
            <source>No check available.</source>
            <translation>No hay revisión disponible.</translation>
        </message>
        <message>
            <source>No pack source set (pack_source in settings.toml)</source>
            <translation>No hay fuente de paquetes (pack_source en settings.toml)</translation>
        </message>
        <message>
            <source>No program directory is loaded.</source>
            <translation>No hay un directorio de programas cargado.</translation>
        </message>
        <message>
            <source>No publisher key trusted: this kiosk takes no content packs (kiosk-admin pack trust ROOT.json).</source>
            <translation>No hay una clave de editor de confianza: este kiosco no acepta paquetes de contenido (kiosk-admin pack trust ROOT.json).</translation>
        </message>
        <message>
            <source>No screen views counted in the last 7 days.</source>
            <translation>No se contaron pantallas en los últimos 7 días.</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>Not saved: the settings database cannot be written. Ask IT to check the kiosk's data folder (disk space and permissions).</source>
            <translation>No se guardó: no se puede escribir la base de datos de la configuración. Pida a informática que revise la carpeta de datos del kiosco (espacio y permisos).</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>Bien</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>Apagado</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Encendido</translation>
        </message>
        <message>
            <source>PROBLEM: %1</source>
            <translation>PROBLEMA: %1</translation>
        </message>
        <message>
            <source>Pack version %1 is installed: the kiosk shows it after the next idle reset.</source>
            <translation>El paquete versión %1 está instalado: el kiosco lo muestra después del próximo reinicio por inactividad.</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>Impresora</translation>
        </message>
        <message>
            <source>Printing</source>
            <translation>Imprimiendo</translation>
        </message>
        <message>
            <source>Printing is off</source>
            <translation>La impresión está apagada</translation>
        </message>
        <message>
            <source>Printing is on</source>
            <translation>La impresión está encendida</translation>
        </message>
        <message>
            <source>Program directory: %1, data from %2</source>
            <translation>Directorio de programas: %1, datos de %2</translation>
        </message>
        <message>
            <source>Programs: %1 (%2, data from %3)</source>
            <translation>Programas: %1 (%2, datos de %3)</translation>
        </message>
        <message>
            <source>Restart the kiosk</source>
            <translation>Reiniciar el kiosco</translation>
        </message>
        <message>
            <source>Save ZIP code</source>
            <translation>Guardar código postal</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Guardado.</translation>
        </message>
        <message>
            <source>Screen views, last 7 days</source>
            <translation>Pantallas vistas, últimos 7 días</translation>
        </message>
        <message>
            <source>Screen views, last 7 days:</source>
            <translation>Pantallas vistas, últimos 7 días:</translation>
        </message>
        <message>
            <source>Settings database</source>
            <translation>Base de datos de la configuración</translation>
        </message>
        <message>
            <source>Shorter</source>
            <translation>Menos tiempo</translation>
        </message>
        <message>
            <source>Show first</source>
            <translation>Mostrar primero</translation>
        </message>
        <message>
            <source>Spanish</source>
            <translation>Español</translation>
        </message>
        <message>
            <source>Start over after no one touches the screen for</source>
            <translation>Empezar de nuevo si nadie toca la pantalla durante</translation>
        </message>
        <message>
            <source>Start with %1 text</source>
            <translation>Empezar con texto %1</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>El del sistema</translation>
        </message>
        <message>
            <source>Text size each visitor starts with</source>
            <translation>Tamaño de texto con el que empieza cada visitante</translation>
        </message>
        <message>
            <source>This kiosk's ZIP code (where program searches start)</source>
            <translation>Código postal de este kiosco (donde empiezan las búsquedas de programas)</translation>
        </message>
        <message>
            <source>Trusted publisher key: %1</source>
            <translation>Clave de editor de confianza: %1</translation>
        </message>
        <message>
            <source>an unknown date</source>
            <translation>una fecha desconocida</translation>
        </message>
        <message>
            <source>fewer than %1</source>
            <translation>menos de %1</translation>
        </message>
        <message>
            <source>source not recorded</source>
            <translation>fuente no registrada</translation>
        </message>
    </context>
    <context>
        <name>ChecklistScreen</name>
        <message>
            <source>Checklist</source>
            <translation>Lista de preguntas</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Imprimir</translation>
        </message>
        <message>
            <source>Print the checklist</source>
            <translation>Imprimir la lista</translation>
        </message>
        <message>
            <source>Program: %1</source>
            <translation>Programa: %1</translation>
        </message>
        <message>
            <source>Program: none chosen. You can add one from Find a program.</source>
            <translation>Programa: ninguno. Puede agregar uno en Buscar un programa.</translation>
        </message>
        <message>
            <source>Questions to ask a program</source>
            <translation>Preguntas para hacerle a un programa</translation>
        </message>
        <message>
            <source>Remove program</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <source>Remove the program</source>
            <translation>Quitar el programa</translation>
        </message>
        <message>
            <source>Save as PDF</source>
            <translation>Guardar como PDF</translation>
        </message>
        <message>
            <source>Save the checklist as a PDF</source>
            <translation>Guardar la lista como PDF</translation>
        </message>
    </context>
    <context>
        <name>ChoosePage</name>
        <message>
            <source>5 digits</source>
            <translation>5 dígitos</translation>
        </message>
        <message>
            <source>Choose your state, or enter a ZIP code to see the nearest programs first.</source>
            <translation>Elija su estado, o escriba un código postal para ver primero los programas más cercanos.</translation>
        </message>
        <message>
            <source>Find a program</source>
            <translation>Buscar un programa</translation>
        </message>
        <message>
            <source>Show programs</source>
            <translation>Ver programas</translation>
        </message>
        <message>
            <source>States</source>
            <translation>Estados</translation>
        </message>
        <message>
            <source>Your ZIP code</source>
            <translation>Su código postal</translation>
        </message>
        <message>
            <source>ZIP code</source>
            <translation>Código postal</translation>
        </message>
        <message>
            <source>{state}
1 program</source>
            <translation>{state}
1 programa</translation>
        </message>
        <message>
            <source>{state}
{count} programs</source>
            <translation>{state}
{count} programas</translation>
        </message>
    </context>
    <context>
        <name>CompareScreen</name>
        <message>
            <source>Best for</source>
            <translation>Mejor para</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>Costo</translation>
        </message>
        <message>
            <source>From most support (left) to least (right). Intensive outpatient (IOP) is in the middle. Which level is right for you is decided by an assessment of your whole situation, not by how bad things seem.</source>
            <translation>De más apoyo (izquierda) a menos (derecha). El programa ambulatorio intensivo (IOP) está en el medio. El nivel correcto para usted se decide con una evaluación de toda su situación, no por lo mal que se vean las cosas.</translation>
        </message>
        <message>
            <source>From most support (top) to least (bottom). Intensive outpatient (IOP) is in the middle. Which level is right for you is decided by an assessment of your whole situation, not by how bad things seem.</source>
            <translation>De más apoyo (arriba) a menos (abajo). El programa ambulatorio intensivo (IOP) está en el medio. El nivel correcto para usted se decide con una evaluación de toda su situación, no por lo mal que se vean las cosas.</translation>
        </message>
        <message>
            <source>Hours each week</source>
            <translation>Horas por semana</translation>
        </message>
        <message>
            <source>Levels of care, side by side</source>
            <translation>Niveles de atención, lado a lado</translation>
        </message>
        <message>
            <source>Supervision</source>
            <translation>Supervisión</translation>
        </message>
        <message>
            <source>What it is</source>
            <translation>Qué es</translation>
        </message>
        <message>
            <source>Where you live</source>
            <translation>Dónde vive</translation>
        </message>
    </context>
    <context>
        <name>CrisisStrip</name>
        <message>
            <source>Crisis help</source>
            <translation>Ayuda en crisis</translation>
        </message>
        <message>
            <source>Emergency (overdose): 911</source>
            <translation>Emergencia (sobredosis): 911</translation>
        </message>
        <message>
            <source>Emergency, such as an overdose: call 911</source>
            <translation>Emergencia, como una sobredosis: llame al 911</translation>
        </message>
        <message>
            <source>In crisis? Call or text 988</source>
            <translation>¿En crisis? Llame o envíe un texto al 988</translation>
        </message>
        <message>
            <source>In crisis? Call or text 988, the Suicide and Crisis Lifeline</source>
            <translation>¿En crisis? Llame o envíe un texto al 988, la Línea de Prevención del Suicidio y Crisis</translation>
        </message>
        <message>
            <source>QR code to call 988</source>
            <translation>Código QR para llamar al 988</translation>
        </message>
    </context>
    <context>
        <name>DetailPage</name>
        <message>
            <source>A local listing, not from SAMHSA's directory. Not an endorsement.</source>
            <translation>Un programa de la lista local, no del directorio de SAMHSA. No es una recomendación.</translation>
        </message>
        <message>
            <source>Add to my checklist</source>
            <translation>Agregar a mi lista</translation>
        </message>
        <message>
            <source>Ages served</source>
            <translation>Edades que atiende</translation>
        </message>
        <message>
            <source>Call {phone}</source>
            <translation>Llame al {phone}</translation>
        </message>
        <message>
            <source>Every form of medicine this program lists, as SAMHSA names them.</source>
            <translation>Cada forma de medicamento que este programa indica, con los nombres que usa SAMHSA.</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Horario</translation>
        </message>
        <message>
            <source>Hours are not listed: call before you go.</source>
            <translation>No aparece el horario: llame antes de ir.</translation>
        </message>
        <message>
            <source>Hours can change: call to confirm before you go.</source>
            <translation>El horario puede cambiar: llame para confirmar antes de ir.</translation>
        </message>
        <message>
            <source>How medicine is arranged</source>
            <translation>Cómo se dan los medicamentos</translation>
        </message>
        <message>
            <source>How this program works with doctors outside it who prescribe addiction medicine. Ask about it when you call.</source>
            <translation>Cómo trabaja este programa con médicos de afuera que recetan medicamentos para la adicción. Pregunte cuando llame.</translation>
        </message>
        <message>
            <source>Intake: {phone}</source>
            <translation>Admisión: {phone}</translation>
        </message>
        <message>
            <source>Languages besides English</source>
            <translation>Otros idiomas además del inglés</translation>
        </message>
        <message>
            <source>Levels of care</source>
            <translation>Niveles de atención</translation>
        </message>
        <message>
            <source>Listed in the program directory named below. Not an endorsement.</source>
            <translation>Aparece en el directorio de programas que se nombra abajo. No es una recomendación.</translation>
        </message>
        <message>
            <source>Medicine details</source>
            <translation>Detalles de los medicamentos</translation>
        </message>
        <message>
            <source>Medicines for addiction</source>
            <translation>Medicamentos para la adicción</translation>
        </message>
        <message>
            <source>More about this program</source>
            <translation>Más sobre este programa</translation>
        </message>
        <message>
            <source>Other medications</source>
            <translation>Otros medicamentos</translation>
        </message>
        <message>
            <source>Payment accepted</source>
            <translation>Formas de pago que acepta</translation>
        </message>
        <message>
            <source>Print / take this with me</source>
            <translation>Imprimir / llevar esta información</translation>
        </message>
        <message>
            <source>QR code with this program's name, phone and address</source>
            <translation>Código QR con el nombre, el teléfono y la dirección de este programa</translation>
        </message>
        <message>
            <source>Scan to save the name, phone and address on your phone.</source>
            <translation>Escanee para guardar el nombre, el teléfono y la dirección en su teléfono.</translation>
        </message>
        <message>
            <source>Source: {source}. Data date: {date}.</source>
            <translation>Fuente: {source}. Fecha de los datos: {date}.</translation>
        </message>
        <message>
            <source>The list says: {words}</source>
            <translation>La lista dice: {words}</translation>
        </message>
        <message>
            <source>Website: {site}</source>
            <translation>Sitio web: {site}</translation>
        </message>
        <message>
            <source>{miles} away</source>
            <translation>a {miles}</translation>
        </message>
        <message>
            <source>{miles} away (approximate: based on the program's ZIP code)</source>
            <translation>a {miles} (aproximado: según el código postal del programa)</translation>
        </message>
        <message>
            <source>{title} ({count})</source>
            <translation>{title} ({count})</translation>
        </message>
        <message>
            <source>{title}: show or hide</source>
            <translation>{title}: mostrar u ocultar</translation>
        </message>
        <message>
            <source>‹ Back to the list</source>
            <translation>‹ Volver a la lista</translation>
        </message>
    </context>
    <context>
        <name>DirectoryScreen</name>
        <message>
            <source> or </source>
            <translation> o </translation>
        </message>
        <message>
            <source>%1 (continued)</source>
            <translation>%1 (continuación)</translation>
        </message>
        <message>
            <source>%1 am</source>
            <translation>%1 a. m.</translation>
        </message>
        <message>
            <source>%1 mi</source>
            <translation>%1 mi</translation>
        </message>
        <message>
            <source>%1 pm</source>
            <translation>%1 p. m.</translation>
        </message>
        <message>
            <source>%1 programs</source>
            <translation>%1 programas</translation>
        </message>
        <message>
            <source>%1 tomorrow</source>
            <translation>%1 mañana</translation>
        </message>
        <message>
            <source>(approximate: the address is placed at its ZIP code)</source>
            <translation>(aproximado: la dirección se ubica en su código postal)</translation>
        </message>
        <message>
            <source>(special hours)</source>
            <translation>(horario especial)</translation>
        </message>
        <message>
            <source>1 program</source>
            <translation>1 programa</translation>
        </message>
        <message>
            <source>A ZIP code has 5 digits. Check it, or choose your state.</source>
            <translation>Un código postal tiene 5 dígitos. Revíselo, o elija su estado.</translation>
        </message>
        <message>
            <source>About %1 miles</source>
            <translation>A unas %1 millas</translation>
        </message>
        <message>
            <source>About this program</source>
            <translation>Sobre este programa</translation>
        </message>
        <message>
            <source>Accessibility</source>
            <translation>Accesibilidad</translation>
        </message>
        <message>
            <source>Active duty military</source>
            <translation>Militares en servicio activo</translation>
        </message>
        <message>
            <source>Adolescents</source>
            <translation>Adolescentes</translation>
        </message>
        <message>
            <source>Adults</source>
            <translation>Adultos</translation>
        </message>
        <message>
            <source>Ages</source>
            <translation>Edades</translation>
        </message>
        <message>
            <source>Ages %1</source>
            <translation>Edades: %1</translation>
        </message>
        <message>
            <source>Areas served</source>
            <translation>Zonas que atiende</translation>
        </message>
        <message>
            <source>Buprenorphine</source>
            <translation>Buprenorfina</translation>
        </message>
        <message>
            <source>Cash or self-pay</source>
            <translation>Efectivo o pago propio</translation>
        </message>
        <message>
            <source>Checklist</source>
            <translation>Lista de preguntas</translation>
        </message>
        <message>
            <source>Children and teens</source>
            <translation>Niños y adolescentes</translation>
        </message>
        <message>
            <source>Chronic pain</source>
            <translation>Dolor crónico</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Cerrado</translation>
        </message>
        <message>
            <source>Closed (holiday or closure)</source>
            <translation>Cerrado (día feriado o cierre)</translation>
        </message>
        <message>
            <source>Closed now</source>
            <translation>Cerrado ahora</translation>
        </message>
        <message>
            <source>Closed today (holiday or closure)</source>
            <translation>Cerrado hoy (día feriado o cierre)</translation>
        </message>
        <message>
            <source>Co-occurring conditions</source>
            <translation>Trastornos concurrentes</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>Contenido</translation>
        </message>
        <message>
            <source>Cost and payment</source>
            <translation>Costo y pago</translation>
        </message>
        <message>
            <source>DUI/DWI</source>
            <translation>DUI/DWI (manejar bajo los efectos)</translation>
        </message>
        <message>
            <source>Day program (PHP)</source>
            <translation>Programa de día (PHP)</translation>
        </message>
        <message>
            <source>Detox</source>
            <translation>Desintoxicación</translation>
        </message>
        <message>
            <source>Directory data of %1.</source>
            <translation>Datos del directorio de %1.</translation>
        </message>
        <message>
            <source>Domestic violence</source>
            <translation>Violencia doméstica</translation>
        </message>
        <message>
            <source>From %1, updated %2</source>
            <translation>De %1, actualizado el %2</translation>
        </message>
        <message>
            <source>From the local list</source>
            <translation>De la lista local</translation>
        </message>
        <message>
            <source>Hospital inpatient</source>
            <translation>Hospitalización</translation>
        </message>
        <message>
            <source>Hours are listed only where a local list gives them: call to confirm before you go. Programs change, so call first.</source>
            <translation>El horario solo aparece si una lista local lo da: llame para confirmar antes de ir. Los programas cambian, así que llame primero.</translation>
        </message>
        <message>
            <source>Hours are not listed: call to confirm before you go. Programs change, so call first.</source>
            <translation>No aparece el horario: llame para confirmar antes de ir. Los programas cambian, así que llame primero.</translation>
        </message>
        <message>
            <source>Hours can change: call to confirm before you go.</source>
            <translation>El horario puede cambiar: llame para confirmar antes de ir.</translation>
        </message>
        <message>
            <source>How to apply</source>
            <translation>Cómo inscribirse</translation>
        </message>
        <message>
            <source>Intensive outpatient (IOP)</source>
            <translation>Programa ambulatorio intensivo (IOP)</translation>
        </message>
        <message>
            <source>Justice-involved</source>
            <translation>Con casos en la justicia</translation>
        </message>
        <message>
            <source>LGBTQ people</source>
            <translation>Personas LGBTQ</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <source>Languages</source>
            <translation>Idiomas</translation>
        </message>
        <message>
            <source>Levels of care</source>
            <translation>Niveles de atención</translation>
        </message>
        <message>
            <source>Listed as</source>
            <translation>Aparece como</translation>
        </message>
        <message>
            <source>Local services</source>
            <translation>Servicios locales</translation>
        </message>
        <message>
            <source>Local services from {sources} ({count})</source>
            <translation>Servicios locales de {sources} ({count})</translation>
        </message>
        <message>
            <source>Local services from {source}, updated {date}.</source>
            <translation>Servicios locales de {source}, actualizados el {date}.</translation>
        </message>
        <message>
            <source>Medicaid</source>
            <translation>Medicaid</translation>
        </message>
        <message>
            <source>Medicare</source>
            <translation>Medicare</translation>
        </message>
        <message>
            <source>Medications</source>
            <translation>Medicamentos</translation>
        </message>
        <message>
            <source>Medications for opioid or alcohol use</source>
            <translation>Medicamentos para opioides o alcohol</translation>
        </message>
        <message>
            <source>Men</source>
            <translation>Hombres</translation>
        </message>
        <message>
            <source>Methadone</source>
            <translation>Metadona</translation>
        </message>
        <message>
            <source>Military families</source>
            <translation>Familias de militares</translation>
        </message>
        <message>
            <source>Naltrexone</source>
            <translation>Naltrexona</translation>
        </message>
        <message>
            <source>Nearest to ZIP {zip}</source>
            <translation>Más cerca del código postal {zip}</translation>
        </message>
        <message>
            <source>No programs match. Call a helpline below: they can help you find one.</source>
            <translation>Ningún programa coincide. Llame a una línea de ayuda de abajo: le pueden ayudar a encontrar uno.</translation>
        </message>
        <message>
            <source>None listed: call to ask.</source>
            <translation>No aparece ninguno: llame para preguntar.</translation>
        </message>
        <message>
            <source>Not listed: call to confirm.</source>
            <translation>No aparece: llame para confirmar.</translation>
        </message>
        <message>
            <source>Older adults</source>
            <translation>Adultos mayores</translation>
        </message>
        <message>
            <source>Open now</source>
            <translation>Abierto ahora</translation>
        </message>
        <message>
            <source>Open now · closes at %1</source>
            <translation>Abierto ahora · cierra a las %1</translation>
        </message>
        <message>
            <source>Opens %1 at %2</source>
            <translation>Abre el %1 a las %2</translation>
        </message>
        <message>
            <source>Opens today at %1</source>
            <translation>Abre hoy a las %1</translation>
        </message>
        <message>
            <source>Opens tomorrow at %1</source>
            <translation>Abre mañana a las %1</translation>
        </message>
        <message>
            <source>Other languages</source>
            <translation>Otros idiomas</translation>
        </message>
        <message>
            <source>Other ways to reach them</source>
            <translation>Otras formas de comunicarse</translation>
        </message>
        <message>
            <source>Outpatient</source>
            <translation>Tratamiento ambulatorio</translation>
        </message>
        <message>
            <source>Page %1 of %2</source>
            <translation>Página %1 de %2</translation>
        </message>
        <message>
            <source>Payment</source>
            <translation>Formas de pago</translation>
        </message>
        <message>
            <source>Payment accepted</source>
            <translation>Formas de pago que acepta</translation>
        </message>
        <message>
            <source>Payment help</source>
            <translation>Ayuda para pagar</translation>
        </message>
        <message>
            <source>People with HIV</source>
            <translation>Personas con VIH</translation>
        </message>
        <message>
            <source>Phone: %1</source>
            <translation>Teléfono: %1</translation>
        </message>
        <message>
            <source>Pregnant women</source>
            <translation>Mujeres embarazadas</translation>
        </message>
        <message>
            <source>Private insurance</source>
            <translation>Seguro médico privado</translation>
        </message>
        <message>
            <source>Program information</source>
            <translation>Información del programa</translation>
        </message>
        <message>
            <source>Program information: %1, data of %2. Programs change: call to confirm.</source>
            <translation>Información de los programas: %1, datos de %2. Los programas cambian: llame para confirmar.</translation>
        </message>
        <message>
            <source>Program list</source>
            <translation>Lista de programas</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>Programa:</translation>
        </message>
        <message>
            <source>Programs for</source>
            <translation>Programas para</translation>
        </message>
        <message>
            <source>Programs in {place}</source>
            <translation>Programas en {place}</translation>
        </message>
        <message>
            <source>Residential (live-in)</source>
            <translation>Tratamiento residencial (con internación)</translation>
        </message>
        <message>
            <source>Scan for this program's phone and address.</source>
            <translation>Escanee para ver el teléfono y la dirección de este programa.</translation>
        </message>
        <message>
            <source>Scan to call %1.</source>
            <translation>Escanee para llamar a %1.</translation>
        </message>
        <message>
            <source>Scan to keep this program's phone and address on your phone.</source>
            <translation>Escanee para guardar en su teléfono el número y la dirección de este programa.</translation>
        </message>
        <message>
            <source>Seniors</source>
            <translation>Personas mayores</translation>
        </message>
        <message>
            <source>Sexual abuse survivors</source>
            <translation>Sobrevivientes de abuso sexual</translation>
        </message>
        <message>
            <source>Sign language (ASL)</source>
            <translation>Lenguaje de señas (ASL)</translation>
        </message>
        <message>
            <source>Sliding fee</source>
            <translation>Tarifa según ingresos</translation>
        </message>
        <message>
            <source>Source: {source} (data from {date}). Listing is not an endorsement. Call to confirm hours and services.</source>
            <translation>Fuente: {source} (datos de {date}). Aparecer aquí no es una recomendación. Llame para confirmar el horario y los servicios.</translation>
        </message>
        <message>
            <source>Spanish</source>
            <translation>Español</translation>
        </message>
        <message>
            <source>Telehealth</source>
            <translation>Telesalud</translation>
        </message>
        <message>
            <source>Times are the program's local time (%1).</source>
            <translation>Las horas son la hora local del programa (%1).</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Hoy</translation>
        </message>
        <message>
            <source>Trauma survivors</source>
            <translation>Sobrevivientes de trauma</translation>
        </message>
        <message>
            <source>Treatment programs in %1</source>
            <translation>Programas de tratamiento en %1</translation>
        </message>
        <message>
            <source>Type of care</source>
            <translation>Tipo de atención</translation>
        </message>
        <message>
            <source>Veterans</source>
            <translation>Veteranos</translation>
        </message>
        <message>
            <source>We could not find ZIP code {zip}. Check the 5 digits, or choose your state.</source>
            <translation>No encontramos el código postal {zip}. Revise los 5 dígitos, o elija su estado.</translation>
        </message>
        <message>
            <source>Who can come</source>
            <translation>Quién puede ir</translation>
        </message>
        <message>
            <source>Women</source>
            <translation>Mujeres</translation>
        </message>
        <message>
            <source>Young adult programs</source>
            <translation>Programas para adultos jóvenes</translation>
        </message>
        <message>
            <source>Young adults</source>
            <translation>Adultos jóvenes</translation>
        </message>
        <message>
            <source>about %1 mi</source>
            <translation>unas %1 mi</translation>
        </message>
        <message>
            <source>about %1 miles away</source>
            <translation>a unas %1 millas</translation>
        </message>
        <message>
            <source>about %1 miles from ZIP %2</source>
            <translation>a unas %1 millas del código postal %2</translation>
        </message>
        <message>
            <source>date unknown</source>
            <translation>fecha desconocida</translation>
        </message>
        <message>
            <source>midnight</source>
            <translation>medianoche</translation>
        </message>
        <message>
            <source>nearest ZIP %1 first</source>
            <translation>primero los más cercanos al código postal %1</translation>
        </message>
        <message>
            <source>offering %1</source>
            <translation>con %1</translation>
        </message>
        <message>
            <source>page %1</source>
            <translation>página %1</translation>
        </message>
        <message>
            <source>the printer or file could not be opened</source>
            <translation>no se pudo abrir la impresora o el archivo</translation>
        </message>
        <message>
            <source>the printer stopped accepting pages</source>
            <translation>la impresora dejó de aceptar páginas</translation>
        </message>
        <message>
            <source>within %1 miles of ZIP %2</source>
            <translation>a menos de %1 millas del código postal %2</translation>
        </message>
    </context>
    <context>
        <name>DisplayButton</name>
        <message>
            <source>Aa</source>
            <translation>Aa</translation>
        </message>
        <message>
            <source>Make the text bigger or switch to high contrast</source>
            <translation>Agrandar el texto o cambiar a alto contraste</translation>
        </message>
        <message>
            <source>Text size and contrast</source>
            <translation>Tamaño del texto y contraste</translation>
        </message>
    </context>
    <context>
        <name>DisplayPanel</name>
        <message>
            <source>Contrast</source>
            <translation>Contraste</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
        <message>
            <source>High contrast: off</source>
            <translation>Alto contraste: apagado</translation>
        </message>
        <message>
            <source>High contrast: on</source>
            <translation>Alto contraste: encendido</translation>
        </message>
        <message>
            <source>Large</source>
            <translation>Grande</translation>
        </message>
        <message>
            <source>Largest</source>
            <translation>Muy grande</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>Tamaño del texto</translation>
        </message>
        <message>
            <source>Text size and contrast</source>
            <translation>Tamaño del texto y contraste</translation>
        </message>
        <message>
            <source>Text size: %1</source>
            <translation>Tamaño del texto: %1</translation>
        </message>
    </context>
    <context>
        <name>EmptyPage</name>
        <message>
            <source>Find a program</source>
            <translation>Buscar un programa</translation>
        </message>
        <message>
            <source>No program directory is loaded on this kiosk yet.

To find a program now, call one of the helplines on this screen. They can tell you about programs near you.

For the librarian: load SAMHSA's National Directory with the command
{command}
(see docs/directory.md).</source>
            <translation>Este kiosco todavía no tiene un directorio de programas.

Para buscar un programa ahora, llame a una de las líneas de ayuda de esta pantalla. Le pueden decir qué programas hay cerca de usted.

Para el bibliotecario: cargue el directorio nacional de SAMHSA con el comando
{command}
(vea docs/directory.md).</translation>
        </message>
    </context>
    <context>
        <name>FaqScreen</name>
        <message>
            <source>Common questions</source>
            <translation>Preguntas frecuentes</translation>
        </message>
        <message>
            <source>Questions</source>
            <translation>Preguntas</translation>
        </message>
    </context>
    <context>
        <name>FilterChip</name>
        <message>
            <source>{label} ({count})</source>
            <translation>{label} ({count})</translation>
        </message>
    </context>
    <context>
        <name>GuideScreen</name>
        <message>
            <source>A guide to intensive outpatient care</source>
            <translation>Guía del tratamiento ambulatorio intensivo</translation>
        </message>
        <message>
            <source>Guide sections</source>
            <translation>Partes de la guía</translation>
        </message>
    </context>
    <context>
        <name>HelpScreen</name>
        <message>
            <source>Get help now</source>
            <translation>Ayuda ahora</translation>
        </message>
        <message>
            <source>QR code to call %s</source>
            <translation>Código QR para llamar al %s</translation>
        </message>
        <message>
            <source>You can call any of these. You do not have to give your name.</source>
            <translation>Puede llamar a cualquiera de estas líneas. No tiene que dar su nombre.</translation>
        </message>
    </context>
    <context>
        <name>HelplinePanel</name>
        <message>
            <source>Ask a staff member for help.</source>
            <translation>Pida ayuda a un empleado.</translation>
        </message>
        <message>
            <source>Helplines</source>
            <translation>Líneas de ayuda</translation>
        </message>
        <message>
            <source>Need to talk to someone now?</source>
            <translation>¿Necesita hablar con alguien ahora?</translation>
        </message>
        <message>
            <source>Phone number %s</source>
            <translation>Número de teléfono %s</translation>
        </message>
        <message>
            <source>QR code to call %s</source>
            <translation>Código QR para llamar al %s</translation>
        </message>
        <message>
            <source>Scan to call from your phone.</source>
            <translation>Escanee para llamar desde su teléfono.</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <source>A checklist to take</source>
            <translation>Una lista para llevar</translation>
        </message>
        <message>
            <source>Find a program</source>
            <translation>Buscar un programa</translation>
        </message>
        <message>
            <source>Get help now</source>
            <translation>Ayuda ahora</translation>
        </message>
        <message>
            <source>Helplines, free and confidential</source>
            <translation>Líneas de ayuda, gratis y confidenciales</translation>
        </message>
        <message>
            <source>Learn about IOPs</source>
            <translation>Qué es un IOP</translation>
        </message>
        <message>
            <source>Questions to ask a program</source>
            <translation>Preguntas para hacerle a un programa</translation>
        </message>
        <message>
            <source>Treatment programs near you</source>
            <translation>Programas de tratamiento cerca</translation>
        </message>
        <message>
            <source>Welcome</source>
            <translation>Bienvenido</translation>
        </message>
        <message>
            <source>What intensive outpatient care is</source>
            <translation>El programa ambulatorio intensivo</translation>
        </message>
    </context>
    <context>
        <name>IdleWarning</name>
        <message>
            <source>Still there?</source>
            <translation>¿Sigue ahí?</translation>
        </message>
        <message>
            <source>This screen will start over in %1 seconds and clear everything on it.</source>
            <translation>Esta pantalla empezará de nuevo en %1 segundos y borrará todo lo que tiene.</translation>
        </message>
        <message>
            <source>This screen will start over in 1 second and clear everything on it.</source>
            <translation>Esta pantalla empezará de nuevo en 1 segundo y borrará todo lo que tiene.</translation>
        </message>
        <message>
            <source>Touch to continue</source>
            <translation>Toque para seguir</translation>
        </message>
    </context>
    <context>
        <name>ListDetail</name>
        <message>
            <source>Next ›</source>
            <translation>Siguiente ›</translation>
        </message>
        <message>
            <source>‹ Previous</source>
            <translation>‹ Anterior</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Main menu</source>
            <translation>Menú principal</translation>
        </message>
        <message>
            <source>Recovery Guide</source>
            <translation>Guía de Recuperación</translation>
        </message>
    </context>
    <context>
        <name>MaintenanceScreen</name>
        <message>
            <source>If you need help right now: call or text 988 (Suicide &amp; Crisis Lifeline). In an emergency, call 911.</source>
            <translation>Si necesita ayuda ahora mismo: llame o envíe un texto al 988 (Línea de Prevención del Suicidio y Crisis). En una emergencia, llame al 911.</translation>
        </message>
        <message>
            <source>This kiosk needs attention — please tell a staff member</source>
            <translation>Este kiosco necesita atención: por favor avise a un empleado</translation>
        </message>
    </context>
    <context>
        <name>NeutralScreen</name>
        <message>
            <source>Touch the screen to begin.</source>
            <translation>Toque la pantalla para empezar.</translation>
        </message>
        <message>
            <source>Welcome</source>
            <translation>Bienvenido</translation>
        </message>
    </context>
    <context>
        <name>NumericKeypad</name>
        <message>
            <source>Clear</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Delete last digit</source>
            <translation>Borrar el último número</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
        <message>
            <source>⌫ Delete</source>
            <translation>⌫ Borrar</translation>
        </message>
    </context>
    <context>
        <name>OnScreenKeyboard</name>
        <message>
            <source>Clear</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Clear all the text</source>
            <translation>Borrar todo el texto</translation>
        </message>
        <message>
            <source>Delete the last letter</source>
            <translation>Borrar la última letra</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
        <message>
            <source>Done, hide the keyboard</source>
            <translation>Listo, ocultar el teclado</translation>
        </message>
        <message>
            <source>On-screen keyboard</source>
            <translation>Teclado en pantalla</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>Espacio</translation>
        </message>
        <message>
            <source>⌫ Delete</source>
            <translation>⌫ Borrar</translation>
        </message>
    </context>
    <context>
        <name>PinPad</name>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>PIN message</source>
            <translation>Mensaje del PIN</translation>
        </message>
        <message>
            <source>Staff PIN</source>
            <translation>PIN del personal</translation>
        </message>
        <message>
            <source>Staff only: enter the admin PIN</source>
            <translation>Solo para el personal: escriba el PIN de administración</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Desbloquear</translation>
        </message>
    </context>
    <context>
        <name>PrintPreviewScreen</name>
        <message>
            <source>Check your page</source>
            <translation>Revise su página</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>No se guardó</translation>
        </message>
        <message>
            <source>Open the camera on your phone and point it at this code.</source>
            <translation>Abra la cámara de su teléfono y apúntela a este código.</translation>
        </message>
        <message>
            <source>Page %1</source>
            <translation>Página %1</translation>
        </message>
        <message>
            <source>Page preview</source>
            <translation>Vista de la página</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Imprimir</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>Impreso</translation>
        </message>
        <message>
            <source>Printing</source>
            <translation>Imprimiendo</translation>
        </message>
        <message>
            <source>Printing is not available here</source>
            <translation>Aquí no se puede imprimir</translation>
        </message>
        <message>
            <source>QR code</source>
            <translation>Código QR</translation>
        </message>
        <message>
            <source>Save as PDF</source>
            <translation>Guardar como PDF</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>Guardado</translation>
        </message>
        <message>
            <source>Saved as %1</source>
            <translation>Guardado como %1</translation>
        </message>
        <message>
            <source>Sending your page to the printer…</source>
            <translation>Enviando su página a la impresora…</translation>
        </message>
        <message>
            <source>Something went wrong with the printer. Please tell a staff member. You can take the information with you on your phone instead.</source>
            <translation>Hubo un problema con la impresora. Por favor avise a un empleado. También puede llevar la información en su teléfono.</translation>
        </message>
        <message>
            <source>Take it with you</source>
            <translation>Llévela con usted</translation>
        </message>
        <message>
            <source>The PDF could not be saved there. Choose another folder and try again.</source>
            <translation>No se pudo guardar el PDF ahí. Elija otra carpeta e intente de nuevo.</translation>
        </message>
        <message>
            <source>The printer did not print</source>
            <translation>La impresora no imprimió</translation>
        </message>
        <message>
            <source>There is no printer here</source>
            <translation>Aquí no hay impresora</translation>
        </message>
        <message>
            <source>This is how your page will look.</source>
            <translation>Así se verá su página.</translation>
        </message>
        <message>
            <source>This kiosk cannot print right now. You can take the information with you on your phone instead.</source>
            <translation>Este kiosco no puede imprimir ahora. También puede llevar la información en su teléfono.</translation>
        </message>
        <message>
            <source>You can take the information with you on your phone instead.</source>
            <translation>También puede llevar la información en su teléfono.</translation>
        </message>
        <message>
            <source>Your page is printing. Please collect it from the printer.</source>
            <translation>Su página se está imprimiendo. Por favor recójala en la impresora.</translation>
        </message>
        <message>
            <source>Your page is ready. Please collect it from the printer.</source>
            <translation>Su página está lista. Por favor recójala en la impresora.</translation>
        </message>
        <message>
            <source>‹ Back</source>
            <translation>‹ Volver</translation>
        </message>
    </context>
    <context>
        <name>Printing</name>
        <message>
            <source> or </source>
            <translation> o </translation>
        </message>
        <message>
            <source>%1 (continued)</source>
            <translation>%1 (continuación)</translation>
        </message>
        <message>
            <source>%1 am</source>
            <translation>%1 a. m.</translation>
        </message>
        <message>
            <source>%1 mi</source>
            <translation>%1 mi</translation>
        </message>
        <message>
            <source>%1 pm</source>
            <translation>%1 p. m.</translation>
        </message>
        <message>
            <source>%1 programs</source>
            <translation>%1 programas</translation>
        </message>
        <message>
            <source>%1 tomorrow</source>
            <translation>%1 mañana</translation>
        </message>
        <message>
            <source>(approximate: the address is placed at its ZIP code)</source>
            <translation>(aproximado: la dirección se ubica en su código postal)</translation>
        </message>
        <message>
            <source>(special hours)</source>
            <translation>(horario especial)</translation>
        </message>
        <message>
            <source>1 program</source>
            <translation>1 programa</translation>
        </message>
        <message>
            <source>About %1 miles</source>
            <translation>A unas %1 millas</translation>
        </message>
        <message>
            <source>About this program</source>
            <translation>Sobre este programa</translation>
        </message>
        <message>
            <source>Accessibility</source>
            <translation>Accesibilidad</translation>
        </message>
        <message>
            <source>Active duty military</source>
            <translation>Militares en servicio activo</translation>
        </message>
        <message>
            <source>Adolescents</source>
            <translation>Adolescentes</translation>
        </message>
        <message>
            <source>Adults</source>
            <translation>Adultos</translation>
        </message>
        <message>
            <source>Ages</source>
            <translation>Edades</translation>
        </message>
        <message>
            <source>Ages %1</source>
            <translation>Edades: %1</translation>
        </message>
        <message>
            <source>Areas served</source>
            <translation>Zonas que atiende</translation>
        </message>
        <message>
            <source>Buprenorphine</source>
            <translation>Buprenorfina</translation>
        </message>
        <message>
            <source>Cash or self-pay</source>
            <translation>Efectivo o pago propio</translation>
        </message>
        <message>
            <source>Checklist</source>
            <translation>Lista de preguntas</translation>
        </message>
        <message>
            <source>Children and teens</source>
            <translation>Niños y adolescentes</translation>
        </message>
        <message>
            <source>Chronic pain</source>
            <translation>Dolor crónico</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Cerrado</translation>
        </message>
        <message>
            <source>Closed (holiday or closure)</source>
            <translation>Cerrado (día feriado o cierre)</translation>
        </message>
        <message>
            <source>Closed now</source>
            <translation>Cerrado ahora</translation>
        </message>
        <message>
            <source>Closed today (holiday or closure)</source>
            <translation>Cerrado hoy (día feriado o cierre)</translation>
        </message>
        <message>
            <source>Co-occurring conditions</source>
            <translation>Trastornos concurrentes</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>Contenido</translation>
        </message>
        <message>
            <source>Cost and payment</source>
            <translation>Costo y pago</translation>
        </message>
        <message>
            <source>DUI/DWI</source>
            <translation>DUI/DWI (manejar bajo los efectos)</translation>
        </message>
        <message>
            <source>Date I called:</source>
            <translation>Fecha en que llamé:</translation>
        </message>
        <message>
            <source>Day program (PHP)</source>
            <translation>Programa de día (PHP)</translation>
        </message>
        <message>
            <source>Detox</source>
            <translation>Desintoxicación</translation>
        </message>
        <message>
            <source>Directory data of %1.</source>
            <translation>Datos del directorio de %1.</translation>
        </message>
        <message>
            <source>Distance:</source>
            <translation>Distancia:</translation>
        </message>
        <message>
            <source>Domestic violence</source>
            <translation>Violencia doméstica</translation>
        </message>
        <message>
            <source>Free help, any time</source>
            <translation>Ayuda gratis, a cualquier hora</translation>
        </message>
        <message>
            <source>From %1, updated %2</source>
            <translation>De %1, actualizado el %2</translation>
        </message>
        <message>
            <source>From the local list</source>
            <translation>De la lista local</translation>
        </message>
        <message>
            <source>Hospital inpatient</source>
            <translation>Hospitalización</translation>
        </message>
        <message>
            <source>Hours are listed only where a local list gives them: call to confirm before you go. Programs change, so call first.</source>
            <translation>El horario solo aparece si una lista local lo da: llame para confirmar antes de ir. Los programas cambian, así que llame primero.</translation>
        </message>
        <message>
            <source>Hours are not listed: call to confirm before you go. Programs change, so call first.</source>
            <translation>No aparece el horario: llame para confirmar antes de ir. Los programas cambian, así que llame primero.</translation>
        </message>
        <message>
            <source>Hours can change: call to confirm before you go.</source>
            <translation>El horario puede cambiar: llame para confirmar antes de ir.</translation>
        </message>
        <message>
            <source>Hours:</source>
            <translation>Horario:</translation>
        </message>
        <message>
            <source>How to apply</source>
            <translation>Cómo inscribirse</translation>
        </message>
        <message>
            <source>Intake:</source>
            <translation>Admisión:</translation>
        </message>
        <message>
            <source>Intensive outpatient (IOP)</source>
            <translation>Programa ambulatorio intensivo (IOP)</translation>
        </message>
        <message>
            <source>Justice-involved</source>
            <translation>Con casos en la justicia</translation>
        </message>
        <message>
            <source>LGBTQ people</source>
            <translation>Personas LGBTQ</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <source>Languages</source>
            <translation>Idiomas</translation>
        </message>
        <message>
            <source>Levels of care</source>
            <translation>Niveles de atención</translation>
        </message>
        <message>
            <source>Listed as</source>
            <translation>Aparece como</translation>
        </message>
        <message>
            <source>Local services</source>
            <translation>Servicios locales</translation>
        </message>
        <message>
            <source>Medicaid</source>
            <translation>Medicaid</translation>
        </message>
        <message>
            <source>Medicare</source>
            <translation>Medicare</translation>
        </message>
        <message>
            <source>Medications</source>
            <translation>Medicamentos</translation>
        </message>
        <message>
            <source>Medications for opioid or alcohol use</source>
            <translation>Medicamentos para opioides o alcohol</translation>
        </message>
        <message>
            <source>Men</source>
            <translation>Hombres</translation>
        </message>
        <message>
            <source>Methadone</source>
            <translation>Metadona</translation>
        </message>
        <message>
            <source>Military families</source>
            <translation>Familias de militares</translation>
        </message>
        <message>
            <source>Naltrexone</source>
            <translation>Naltrexona</translation>
        </message>
        <message>
            <source>No programs match. Call a helpline below: they can help you find one.</source>
            <translation>Ningún programa coincide. Llame a una línea de ayuda de abajo: le pueden ayudar a encontrar uno.</translation>
        </message>
        <message>
            <source>None listed: call to ask.</source>
            <translation>No aparece ninguno: llame para preguntar.</translation>
        </message>
        <message>
            <source>Not listed: call to confirm.</source>
            <translation>No aparece: llame para confirmar.</translation>
        </message>
        <message>
            <source>Older adults</source>
            <translation>Adultos mayores</translation>
        </message>
        <message>
            <source>Open now</source>
            <translation>Abierto ahora</translation>
        </message>
        <message>
            <source>Open now · closes at %1</source>
            <translation>Abierto ahora · cierra a las %1</translation>
        </message>
        <message>
            <source>Opens %1 at %2</source>
            <translation>Abre el %1 a las %2</translation>
        </message>
        <message>
            <source>Opens today at %1</source>
            <translation>Abre hoy a las %1</translation>
        </message>
        <message>
            <source>Opens tomorrow at %1</source>
            <translation>Abre mañana a las %1</translation>
        </message>
        <message>
            <source>Other languages</source>
            <translation>Otros idiomas</translation>
        </message>
        <message>
            <source>Other ways to reach them</source>
            <translation>Otras formas de comunicarse</translation>
        </message>
        <message>
            <source>Outpatient</source>
            <translation>Tratamiento ambulatorio</translation>
        </message>
        <message>
            <source>Page %1 of %2</source>
            <translation>Página %1 de %2</translation>
        </message>
        <message>
            <source>Payment</source>
            <translation>Formas de pago</translation>
        </message>
        <message>
            <source>Payment accepted</source>
            <translation>Formas de pago que acepta</translation>
        </message>
        <message>
            <source>Payment help</source>
            <translation>Ayuda para pagar</translation>
        </message>
        <message>
            <source>People with HIV</source>
            <translation>Personas con VIH</translation>
        </message>
        <message>
            <source>Phone:</source>
            <translation>Teléfono:</translation>
        </message>
        <message>
            <source>Phone: %1</source>
            <translation>Teléfono: %1</translation>
        </message>
        <message>
            <source>Pregnant women</source>
            <translation>Mujeres embarazadas</translation>
        </message>
        <message>
            <source>Private insurance</source>
            <translation>Seguro médico privado</translation>
        </message>
        <message>
            <source>Program information</source>
            <translation>Información del programa</translation>
        </message>
        <message>
            <source>Program information: %1, data of %2. Programs change: call to confirm.</source>
            <translation>Información de los programas: %1, datos de %2. Los programas cambian: llame para confirmar.</translation>
        </message>
        <message>
            <source>Program list</source>
            <translation>Lista de programas</translation>
        </message>
        <message>
            <source>Program:</source>
            <translation>Programa:</translation>
        </message>
        <message>
            <source>Programs for</source>
            <translation>Programas para</translation>
        </message>
        <message>
            <source>Questions to ask a program</source>
            <translation>Preguntas para hacerle a un programa</translation>
        </message>
        <message>
            <source>Residential (live-in)</source>
            <translation>Tratamiento residencial (con internación)</translation>
        </message>
        <message>
            <source>Scan for this program's phone and address.</source>
            <translation>Escanee para ver el teléfono y la dirección de este programa.</translation>
        </message>
        <message>
            <source>Scan to call %1.</source>
            <translation>Escanee para llamar a %1.</translation>
        </message>
        <message>
            <source>Scan to keep this program's phone and address on your phone.</source>
            <translation>Escanee para guardar en su teléfono el número y la dirección de este programa.</translation>
        </message>
        <message>
            <source>Screen</source>
            <translation>Pantalla</translation>
        </message>
        <message>
            <source>Seniors</source>
            <translation>Personas mayores</translation>
        </message>
        <message>
            <source>Sexual abuse survivors</source>
            <translation>Sobrevivientes de abuso sexual</translation>
        </message>
        <message>
            <source>Sign language (ASL)</source>
            <translation>Lenguaje de señas (ASL)</translation>
        </message>
        <message>
            <source>Sliding fee</source>
            <translation>Tarifa según ingresos</translation>
        </message>
        <message>
            <source>Spanish</source>
            <translation>Español</translation>
        </message>
        <message>
            <source>Telehealth</source>
            <translation>Telesalud</translation>
        </message>
        <message>
            <source>Times are the program's local time (%1).</source>
            <translation>Las horas son la hora local del programa (%1).</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Hoy</translation>
        </message>
        <message>
            <source>Trauma survivors</source>
            <translation>Sobrevivientes de trauma</translation>
        </message>
        <message>
            <source>Treatment programs in %1</source>
            <translation>Programas de tratamiento en %1</translation>
        </message>
        <message>
            <source>Type of care</source>
            <translation>Tipo de atención</translation>
        </message>
        <message>
            <source>Veterans</source>
            <translation>Veteranos</translation>
        </message>
        <message>
            <source>Website:</source>
            <translation>Sitio web:</translation>
        </message>
        <message>
            <source>Who can come</source>
            <translation>Quién puede ir</translation>
        </message>
        <message>
            <source>Women</source>
            <translation>Mujeres</translation>
        </message>
        <message>
            <source>Young adult programs</source>
            <translation>Programas para adultos jóvenes</translation>
        </message>
        <message>
            <source>Young adults</source>
            <translation>Adultos jóvenes</translation>
        </message>
        <message>
            <source>about %1 mi</source>
            <translation>unas %1 mi</translation>
        </message>
        <message>
            <source>about %1 miles away</source>
            <translation>a unas %1 millas</translation>
        </message>
        <message>
            <source>about %1 miles from ZIP %2</source>
            <translation>a unas %1 millas del código postal %2</translation>
        </message>
        <message>
            <source>call to confirm</source>
            <translation>llame para confirmar</translation>
        </message>
        <message>
            <source>date unknown</source>
            <translation>fecha desconocida</translation>
        </message>
        <message>
            <source>midnight</source>
            <translation>medianoche</translation>
        </message>
        <message>
            <source>nearest ZIP %1 first</source>
            <translation>primero los más cercanos al código postal %1</translation>
        </message>
        <message>
            <source>not listed</source>
            <translation>no aparece</translation>
        </message>
        <message>
            <source>not listed: call a helpline below</source>
            <translation>no aparece: llame a una línea de ayuda de abajo</translation>
        </message>
        <message>
            <source>offering %1</source>
            <translation>con %1</translation>
        </message>
        <message>
            <source>page %1</source>
            <translation>página %1</translation>
        </message>
        <message>
            <source>the printer or file could not be opened</source>
            <translation>no se pudo abrir la impresora o el archivo</translation>
        </message>
        <message>
            <source>the printer stopped accepting pages</source>
            <translation>la impresora dejó de aceptar páginas</translation>
        </message>
        <message>
            <source>within %1 miles of ZIP %2</source>
            <translation>a menos de %1 millas del código postal %2</translation>
        </message>
    </context>
    <context>
        <name>QMainWindow</name>
        <message>
            <source>Recovery Guide</source>
            <translation>Guía de Recuperación</translation>
        </message>
    </context>
    <context>
        <name>QWidget</name>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Save as PDF</source>
            <translation>Guardar como PDF</translation>
        </message>
    </context>
    <context>
        <name>ResultsPage</name>
        <message>
            <source>Change state or ZIP code</source>
            <translation>Cambiar estado o código postal</translation>
        </message>
        <message>
            <source>Clear all filters</source>
            <translation>Quitar todos los filtros</translation>
        </message>
        <message>
            <source>Filters</source>
            <translation>Filtros</translation>
        </message>
        <message>
            <source>Filters ({count} on)</source>
            <translation>Filtros: {count}</translation>
        </message>
        <message>
            <source>No programs match all your choices. Remove “{filter}” to see {count}.</source>
            <translation>Ningún programa cumple con todo lo que eligió. Quite “{filter}” para ver {count}.</translation>
        </message>
        <message>
            <source>No programs match. Clear the filters or choose another place.</source>
            <translation>Ningún programa coincide. Quite los filtros o elija otro lugar.</translation>
        </message>
        <message>
            <source>Programs</source>
            <translation>Programas</translation>
        </message>
        <message>
            <source>Remove “{filter}”</source>
            <translation>Quitar “{filter}”</translation>
        </message>
        <message>
            <source>Show {count} programs</source>
            <translation>Ver programas ({count})</translation>
        </message>
        <message>
            <source>{shown} of {total} programs match.</source>
            <translation>Programas que coinciden: {shown} de {total}.</translation>
        </message>
        <message>
            <source>‹ Change place</source>
            <translation>‹ Cambiar lugar</translation>
        </message>
    </context>
    <context>
        <name>Screen</name>
        <message>
            <source>Admin</source>
            <translation>Administración</translation>
        </message>
        <message>
            <source>Checklist</source>
            <translation>Lista de preguntas</translation>
        </message>
        <message>
            <source>Compare levels</source>
            <translation>Comparar niveles</translation>
        </message>
        <message>
            <source>FAQs</source>
            <translation>Preguntas</translation>
        </message>
        <message>
            <source>Find a program</source>
            <translation>Buscar un programa</translation>
        </message>
        <message>
            <source>Get help now</source>
            <translation>Ayuda ahora</translation>
        </message>
        <message>
            <source>Guide</source>
            <translation>Guía</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Inicio</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Imprimir</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Buscar</translation>
        </message>
    </context>
    <context>
        <name>SearchBar</name>
        <message>
            <source>Search</source>
            <translation>Buscar</translation>
        </message>
        <message>
            <source>Search the guide, questions and programs</source>
            <translation>Buscar en la guía, las preguntas y los programas</translation>
        </message>
        <message>
            <source>Show or hide the on-screen keyboard</source>
            <translation>Mostrar u ocultar el teclado en pantalla</translation>
        </message>
        <message>
            <source>⌨</source>
            <translation>⌨</translation>
        </message>
        <message>
            <source>⌨ Keyboard</source>
            <translation>⌨ Teclado</translation>
        </message>
    </context>
    <context>
        <name>SearchResultsModel</name>
        <message>
            <source>Call or text 988 any time, day or night. In an emergency, call 911.</source>
            <translation>Llame o envíe un texto al 988 a cualquier hora, de día o de noche. En una emergencia, llame al 911.</translation>
        </message>
        <message>
            <source>Get help now: 988 and other crisis lines</source>
            <translation>Ayuda ahora: 988 y otras líneas de crisis</translation>
        </message>
        <message>
            <source>Guide</source>
            <translation>Guía</translation>
        </message>
        <message>
            <source>Help right now</source>
            <translation>Ayuda ahora mismo</translation>
        </message>
        <message>
            <source>More programs match. Add a city, a state or a ZIP code to see fewer.</source>
            <translation>Hay más programas. Agregue una ciudad, un estado o un código postal para ver menos.</translation>
        </message>
        <message>
            <source>Programs</source>
            <translation>Programas</translation>
        </message>
        <message>
            <source>Questions and answers</source>
            <translation>Preguntas y respuestas</translation>
        </message>
    </context>
    <context>
        <name>SearchScreen</name>
        <message>
            <source>Also showing results for: {words}.</source>
            <translation>También se muestran resultados para: {words}.</translation>
        </message>
        <message>
            <source>Nothing found for that yet. Try another word, or call a helpline on this screen: they can help you search.</source>
            <translation>No se encontró nada. Pruebe otra palabra, o llame a una línea de ayuda de esta pantalla: le pueden ayudar a buscar.</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Buscar</translation>
        </message>
        <message>
            <source>Search is not ready on this kiosk (its content needs updating). Use the menu, or call a helpline on this screen.</source>
            <translation>La búsqueda no está lista en este kiosco (hay que actualizar su contenido). Use el menú, o llame a una línea de ayuda de esta pantalla.</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>Resultados</translation>
        </message>
        <message>
            <source>Tap a result to open it.</source>
            <translation>Toque un resultado para abrirlo.</translation>
        </message>
        <message>
            <source>This kiosk does not know where it is, so it cannot find what is near. Type a ZIP code instead, for example 60625.</source>
            <translation>Este kiosco no sabe dónde está, así que no puede buscar lo que hay cerca. Escriba un código postal, por ejemplo 60625.</translation>
        </message>
        <message>
            <source>Type a word, a city or a ZIP code in the search box at the top. For example: detox, Medicaid, español, near me or 60625.</source>
            <translation>Escriba una palabra, una ciudad o un código postal en la búsqueda de arriba. Por ejemplo: desintoxicación, Medicaid, español, cerca o 60625.</translation>
        </message>
    </context>
    <context>
        <name>SessionGuard</name>
        <message>
            <source>Clears everything on the screen at once and shows a plain welcome screen</source>
            <translation>Borra todo lo que hay en la pantalla y muestra una pantalla de bienvenida sencilla</translation>
        </message>
        <message>
            <source>Quick exit</source>
            <translation>Salida rápida</translation>
        </message>
        <message>
            <source>Quick exit: start over</source>
            <translation>Salida rápida: empezar de nuevo</translation>
        </message>
        <message>
            <source>Staff PIN</source>
            <translation>PIN del personal</translation>
        </message>
        <message>
            <source>That PIN is not right. %1 more tries before the pad locks.</source>
            <translation>Ese PIN no es correcto. Quedan %1 intentos antes de que se bloquee.</translation>
        </message>
        <message>
            <source>That PIN is not right. 1 more try before the pad locks.</source>
            <translation>Ese PIN no es correcto. Queda 1 intento antes de que se bloquee.</translation>
        </message>
        <message>
            <source>The admin PIN pad is locked. Try again in %1 minutes, or ask IT to check the kiosk's data folder.</source>
            <translation>El teclado del PIN está bloqueado. Intente de nuevo en %1 minutos, o pida a informática que revise la carpeta de datos del kiosco.</translation>
        </message>
        <message>
            <source>The admin PIN pad is locked. Try again in 1 minute, or ask IT to check the kiosk's data folder.</source>
            <translation>El teclado del PIN está bloqueado. Intente de nuevo en 1 minuto, o pida a informática que revise la carpeta de datos del kiosco.</translation>
        </message>
        <message>
            <source>Too many wrong PINs. Try again in %1 minutes.</source>
            <translation>Demasiados PIN incorrectos. Intente de nuevo en %1 minutos.</translation>
        </message>
        <message>
            <source>Too many wrong PINs. Try again in 1 minute.</source>
            <translation>Demasiados PIN incorrectos. Intente de nuevo en 1 minuto.</translation>
        </message>
    </context>
</TS>
