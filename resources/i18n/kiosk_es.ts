<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US" sourcelanguage="en_US">
<context>
    <name>Printing</name>
    <message>
        <source>Free help, any time</source>
        <translation>Ayuda gratis, a cualquier hora</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>fecha desconocida</translation>
    </message>
    <message>
        <source>Program information: %1, data of %2. Programs change: call to confirm.</source>
        <translation>Información de los programas: %1, datos de %2. Los programas cambian: llame para confirmar.</translation>
    </message>
    <message>
        <source>Directory data of %1.</source>
        <translation>Datos del directorio de %1.</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>Programa:</translation>
    </message>
    <message>
        <source>Scan for this program's phone and address.</source>
        <translation>Escanee para ver el teléfono y la dirección de este programa.</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Teléfono:</translation>
    </message>
    <message>
        <source>Date I called:</source>
        <translation>Fecha en que llamé:</translation>
    </message>
    <message>
        <source>Scan to call %1.</source>
        <translation>Escanee para llamar a %1.</translation>
    </message>
    <message>
        <source>Questions to ask a program</source>
        <translation>Preguntas para hacerle a un programa</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Lista de preguntas</translation>
    </message>
    <message>
        <source>not listed: call a helpline below</source>
        <translation>no aparece: llame a una línea de ayuda de abajo</translation>
    </message>
    <message>
        <source>Intake:</source>
        <translation>Admisión:</translation>
    </message>
    <message>
        <source>Hours:</source>
        <translation>Horario:</translation>
    </message>
    <message>
        <source>call to confirm</source>
        <translation>llame para confirmar</translation>
    </message>
    <message>
        <source>about %1 miles from ZIP %2</source>
        <translation>a unas %1 millas del código postal %2</translation>
    </message>
    <message>
        <source>about %1 miles away</source>
        <translation>a unas %1 millas</translation>
    </message>
    <message>
        <source>(approximate: the address is placed at its ZIP code)</source>
        <translation>(aproximado: la dirección se ubica en su código postal)</translation>
    </message>
    <message>
        <source>Distance:</source>
        <translation>Distancia:</translation>
    </message>
    <message>
        <source>Levels of care</source>
        <translation>Niveles de atención</translation>
    </message>
    <message>
        <source>Not listed: call to confirm.</source>
        <translation>No aparece: llame para confirmar.</translation>
    </message>
    <message>
        <source>Payment accepted</source>
        <translation>Formas de pago que acepta</translation>
    </message>
    <message>
        <source>Medications</source>
        <translation>Medicamentos</translation>
    </message>
    <message>
        <source>None listed: call to ask.</source>
        <translation>No aparece ninguno: llame para preguntar.</translation>
    </message>
    <message>
        <source>Scan to keep this program's phone and address on your phone.</source>
        <translation>Escanee para guardar en su teléfono el número y la dirección de este programa.</translation>
    </message>
    <message>
        <source>Program information</source>
        <translation>Información del programa</translation>
    </message>
    <message>
        <source>1 program</source>
        <translation>1 programa</translation>
    </message>
    <message>
        <source>%1 programs</source>
        <translation>%1 programas</translation>
    </message>
    <message>
        <source>Hours are not listed: call to confirm before you go. Programs change, so call first.</source>
        <translation>No aparece el horario: llame para confirmar antes de ir. Los programas cambian, así que llame primero.</translation>
    </message>
    <message>
        <source>No programs match. Call a helpline below: they can help you find one.</source>
        <translation>Ningún programa coincide. Llame a una línea de ayuda de abajo: le pueden ayudar a encontrar uno.</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Contenido</translation>
    </message>
    <message>
        <source>Program list</source>
        <translation>Lista de programas</translation>
    </message>
    <message>
        <source>not listed</source>
        <translation>no aparece</translation>
    </message>
    <message>
        <source>About %1 miles</source>
        <translation>A unas %1 millas</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1 (continuación)</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>página %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <source>the printer stopped accepting pages</source>
        <translation>la impresora dejó de aceptar páginas</translation>
    </message>
    <message>
        <source>the printer or file could not be opened</source>
        <translation>no se pudo abrir la impresora o el archivo</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Teléfono: %1</translation>
    </message>
    <message>
        <source>%1 mi</source>
        <translation>%1 mi</translation>
    </message>
    <message>
        <source>about %1 mi</source>
        <translation>unas %1 mi</translation>
    </message>
    <message>
        <source>Intensive outpatient (IOP)</source>
        <translation>Programa ambulatorio intensivo (IOP)</translation>
    </message>
    <message>
        <source>Day program (PHP)</source>
        <translation>Programa de día (PHP)</translation>
    </message>
    <message>
        <source>Outpatient</source>
        <translation>Tratamiento ambulatorio</translation>
    </message>
    <message>
        <source>Residential (live-in)</source>
        <translation>Tratamiento residencial (con internación)</translation>
    </message>
    <message>
        <source>Detox</source>
        <translation>Desintoxicación</translation>
    </message>
    <message>
        <source>Hospital inpatient</source>
        <translation>Hospitalización</translation>
    </message>
    <message>
        <source>Treatment programs in %1</source>
        <translation>Programas de tratamiento en %1</translation>
    </message>
    <message>
        <source>offering %1</source>
        <translation>con %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>within %1 miles of ZIP %2</source>
        <translation>a menos de %1 millas del código postal %2</translation>
    </message>
    <message>
        <source>nearest ZIP %1 first</source>
        <translation>primero los más cercanos al código postal %1</translation>
    </message>
</context>
</TS>
