<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BoardRecords</name>
    <message numerus="yes">
        <source>%n opportunities</source>
        <translation>
            <numerusform>%n opportunity</numerusform>
            <numerusform>%n opportunities</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message numerus="yes">
        <source>%n stage(s) over the WIP limit</source>
        <translation>
            <numerusform>%n stage over the WIP limit</numerusform>
            <numerusform>%n stages over the WIP limit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{0}” holds %n open opportunities; its WIP limit is {1}.</source>
        <translation>
            <numerusform>“{0}” holds %n open opportunity; its WIP limit is {1}.</numerusform>
            <numerusform>“{0}” holds %n open opportunities; its WIP limit is {1}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CalibrationPanel</name>
    <message numerus="yes">
        <source>Predictions of %n closed cycle(s): bias {0}, inside the cycle&apos;s interval {1} of them ({2}).</source>
        <translation>
            <numerusform>Prediction of %n closed cycle: bias {0}, inside the cycle&apos;s interval {1} of them ({2}).</numerusform>
            <numerusform>Predictions of %n closed cycles: bias {0}, inside the cycle&apos;s interval {1} of them ({2}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message numerus="yes">
        <source>%Ln row(s) have problems — nothing is imported unless you skip them (first {0} problems listed):</source>
        <translation>
            <numerusform>%Ln row has problems — nothing is imported unless you skip it (first {0} problems listed):</numerusform>
            <numerusform>%Ln rows have problems — nothing is imported unless you skip them (first {0} problems listed):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s):</source>
        <translation>
            <numerusform>%Ln problem:</numerusform>
            <numerusform>%Ln problems:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversionChart</name>
    <message numerus="yes">
        <source>%n signalling point(s)</source>
        <translation>
            <numerusform>%n signalling point</numerusform>
            <numerusform>%n signalling points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> Last %n period(s) hollow: their {0}-day window is still open.</source>
        <translation>
            <numerusform> Last period hollow: its {0}-day window is still open.</numerusform>
            <numerusform> Last %n periods hollow: their {0}-day window is still open.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CycleEditor</name>
    <message numerus="yes">
        <source>Starting this cycle puts these reps over the limit of %n active cycle(s) per rep:</source>
        <translation>
            <numerusform>Starting this cycle puts these reps over the limit of %n active cycle per rep:</numerusform>
            <numerusform>Starting this cycle puts these reps over the limit of %n active cycles per rep:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• {0} — in %n active cycle(s) now</source>
        <translation>
            <numerusform>• {0} — in %n active cycle now</numerusform>
            <numerusform>• {0} — in %n active cycles now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its tactic needs marketing support, and marketing already supports %n running cycle(s) — the workspace&apos;s limit:</source>
        <translation>
            <numerusform>Its tactic needs marketing support, and marketing already supports %n running cycle — the workspace&apos;s limit:</numerusform>
            <numerusform>Its tactic needs marketing support, and marketing already supports %n running cycles — the workspace&apos;s limit:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message numerus="yes">
        <source>%n problem(s) found:</source>
        <translation>
            <numerusform>%n problem found:</numerusform>
            <numerusform>%n problems found:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ForecastsView</name>
    <message numerus="yes">
        <source>%n won deal(s) of the period have no amount and add nothing to the revenue.</source>
        <translation>
            <numerusform>%n won deal of the period has no amount and adds nothing to the revenue.</numerusform>
            <numerusform>%n won deals of the period have no amount and add nothing to the revenue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out (actual 0)</source>
        <translation>
            <numerusform>%n left out (actual 0)</numerusform>
            <numerusform>%n left out (actual 0)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n made after the period started</source>
        <translation>
            <numerusform>%n made after the period started</numerusform>
            <numerusform>%n made after the period started</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeWorkDialog</name>
    <message numerus="yes">
        <source>Done: {0} of %n file(s) merged.</source>
        <translation>
            <numerusform>Done: {0} of %n file merged.</numerusform>
            <numerusform>Done: {0} of %n files merged.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message numerus="yes">
        <source>“{0}” holds %n open opportunities;</source>
        <translation>
            <numerusform>“{0}” holds %n open opportunity;</numerusform>
            <numerusform>“{0}” holds %n open opportunities;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message numerus="yes">
        <source>{0}  ·  in %n active cycle(s)</source>
        <translation>
            <numerusform>{0}  ·  in %n active cycle</numerusform>
            <numerusform>{0}  ·  in %n active cycles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} takes part in %n cycle(s) in Do, Study or Act</source>
        <translation>
            <numerusform>{0} takes part in %n cycle in Do, Study or Act</numerusform>
            <numerusform>{0} takes part in %n cycles in Do, Study or Act</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupGuide</name>
    <message numerus="yes">
        <source>Added %n stages from the template; change them on the Standards page.</source>
        <translation>
            <numerusform>Added %n stage from the template; change it on the Standards page.</numerusform>
            <numerusform>Added %n stages from the template; change them on the Standards page.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StagesPage</name>
    <message numerus="yes">
        <source>%n stage name(s) in {0} rows: {1} match a stage of this workspace by name, {2} do not (in bold).</source>
        <translation>
            <numerusform>%n stage name in {0} rows: {1} match a stage of this workspace by name, {2} do not (in bold).</numerusform>
            <numerusform>%n stage names in {0} rows: {1} match a stage of this workspace by name, {2} do not (in bold).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudyTab</name>
    <message numerus="yes">
        <source>%n marketing initiative(s) overlap this test</source>
        <translation>
            <numerusform>%n marketing initiative overlaps this test</numerusform>
            <numerusform>%n marketing initiatives overlap this test</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_ArchiveTexts</name>
    <message numerus="yes">
        <source>%n observations in its Do log</source>
        <translation>
            <numerusform>%n observation in its Do log</numerusform>
            <numerusform>%n observations in its Do log</numerusform>
        </translation>
    </message>
</context>
</TS>
