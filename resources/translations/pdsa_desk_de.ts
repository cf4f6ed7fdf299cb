<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>Zusammenführung</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>(deleted stage)</source>
        <translation>(gelöschte Stufe)</translation>
    </message>
    <message>
        <source>none ticked</source>
        <translation>nichts abgehakt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>overridden</source>
        <translation>überschritten</translation>
    </message>
    <message>
        <source>{0} d in stage</source>
        <extracomment>Drag-and-drop payload of a card: JSON ``{&quot;id&quot;: opportunity id, &quot;stage&quot;: position}``. Badge colours: Okabe-Ito orange with black text reads well on light and dark palettes alike.</extracomment>
        <translation>{0} T in Stufe</translation>
    </message>
    <message>
        <source>no rep</source>
        <translation>kein Vertriebler</translation>
    </message>
    <message>
        <source>aging</source>
        <translation>alternd</translation>
    </message>
    <message>
        <source>No rep assigned</source>
        <translation>Kein Vertriebler zugewiesen</translation>
    </message>
    <message>
        <source>In “{0}” since {1} ({2} days)</source>
        <translation>In „{0}“ seit {1} ({2} Tage)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Aging:&lt;/b&gt; 85% of past visits to this stage moved on within {0} days.</source>
        <translation>&lt;b&gt;Alternd:&lt;/b&gt; 85 % der bisherigen Aufenthalte in dieser Stufe gingen innerhalb von {0} Tagen weiter.</translation>
    </message>
    <message>
        <source>&lt;i&gt;Double-click to edit it, Enter for its history; Ctrl+→ moves it to the next stage.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Doppelklick zum Bearbeiten, Eingabetaste für den Verlauf; Strg+→ verschiebt sie in die nächste Stufe.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No rep</source>
        <translation>Kein Vertriebler</translation>
    </message>
    <message>
        <source>Aging</source>
        <translation>Alternd</translation>
    </message>
    <message>
        <source>Above the 99.8% limit — worth learning from</source>
        <translation>Über der 99,8-%-Grenze – lohnt, davon zu lernen</translation>
    </message>
    <message>
        <source>above 99.8% limit</source>
        <translation>über der 99,8-%-Grenze</translation>
    </message>
    <message>
        <source>Above the 95% limit — perhaps worth learning from</source>
        <translation>Über der 95-%-Grenze – lohnt vielleicht, davon zu lernen</translation>
    </message>
    <message>
        <source>above 95% limit</source>
        <translation>über der 95-%-Grenze</translation>
    </message>
    <message>
        <source>Within the expected range</source>
        <translation>Im erwarteten Bereich</translation>
    </message>
    <message>
        <source>within the expected range</source>
        <translation>im erwarteten Bereich</translation>
    </message>
    <message>
        <source>Below the 95% limit — worth a conversation</source>
        <translation>Unter der 95-%-Grenze – ein Gespräch wert</translation>
    </message>
    <message>
        <source>below 95% limit</source>
        <translation>unter der 95-%-Grenze</translation>
    </message>
    <message>
        <source>Below the 99.8% limit — worth a conversation</source>
        <translation>Unter der 99,8-%-Grenze – ein Gespräch wert</translation>
    </message>
    <message>
        <source>below 99.8% limit</source>
        <translation>unter der 99,8-%-Grenze</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Save this chart as a picture (PNG, twice screen resolution)</source>
        <translation>Dieses Diagramm als Bild speichern (PNG, doppelte Bildschirmauflösung)</translation>
    </message>
    <message>
        <source>Save as SVG…</source>
        <translation>Als SVG speichern…</translation>
    </message>
    <message>
        <source>Save this chart as a vector drawing (SVG) for slides and reports</source>
        <translation>Dieses Diagramm als Vektorgrafik (SVG) für Folien und Berichte speichern</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy this chart as a picture</source>
        <translation>Dieses Diagramm als Bild kopieren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Save or copy this chart</source>
        <translation>Dieses Diagramm speichern oder kopieren</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Save chart as SVG</source>
        <translation>Diagramm als SVG speichern</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Grafiken (*.svg)</translation>
    </message>
    <message>
        <source>Could not save the chart</source>
        <translation>Das Diagramm konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>{name}
{x} of {n} converted: {rate}
95% interval {interval}
{position}</source>
        <translation>{name}
{x} von {n} konvertiert: {rate}
95-%-Intervall {interval}
{position}</translation>
    </message>
    <message>
        <source>(no rep)</source>
        <translation>(kein Vertriebler)</translation>
    </message>
    <message>
        <source>Conversion rate (95% interval)</source>
        <translation>Konversionsrate (95-%-Intervall)</translation>
    </message>
    <message>
        <source>Plan</source>
        <extracomment>A key that sorts the column sensibly (dates as ISO text, statuses in PDSA order). The cycle id (list) or observation id (log), on every column.</extracomment>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Do</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>Act</source>
        <translation>Act</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Adopt</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Adapt</source>
        <translation>Anpassen</translation>
    </message>
    <message>
        <source>Abandon</source>
        <translation>Aufgeben</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>Deviation</source>
        <translation>Abweichung</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>from {0}</source>
        <translation>ab {0}</translation>
    </message>
    <message>
        <source>until {0}</source>
        <translation>bis {0}</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Übergang</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Tactic</source>
        <translation>Taktik</translation>
    </message>
    <message>
        <source>{0} (archived)</source>
        <translation>{0} (archiviert)</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>Zyklus</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht begonnen</translation>
    </message>
    <message>
        <source>The cycle shown now</source>
        <translation>Der jetzt angezeigte Zyklus</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open this cycle</source>
        <translation>Doppelklicken oder Eingabe drücken, um diesen Zyklus zu öffnen</translation>
    </message>
    <message>
        <source>* too early to read: not enough customers or outcomes not known yet</source>
        <translation>* zu früh zum Ablesen: nicht genug Kunden oder Ergebnisse noch nicht bekannt</translation>
    </message>
    <message>
        <source>Row {0} has &apos;{1}&apos;, which can only be {2}.</source>
        <translation>Zeile {0} enthält „{1}“, das nur {2} sein kann.</translation>
    </message>
    <message>
        <source>day first</source>
        <translation>Tag zuerst</translation>
    </message>
    <message>
        <source>month first</source>
        <translation>Monat zuerst</translation>
    </message>
    <message>
        <source>CRM exports (*.csv *.tsv *.txt *.xlsx *.xlsm);;CSV files (*.csv *.tsv *.txt);;Excel workbooks (*.xlsx *.xlsm);;All files (*)</source>
        <translation>CRM-Exporte (*.csv *.tsv *.txt *.xlsx *.xlsm);;CSV-Dateien (*.csv *.tsv *.txt);;Excel-Arbeitsmappen (*.xlsx *.xlsm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source> and {0} more</source>
        <extracomment>A worker process started ahead of the next step that runs in one (see background.py).</extracomment>
        <translation> und {0} weitere</translation>
    </message>
    <message>
        <source>Opportunities: {0} would be added, {1} updated.</source>
        <translation>Verkaufschancen: {0} würden hinzugefügt, {1} aktualisiert.</translation>
    </message>
    <message>
        <source>Stage changes: {0} would be added; {1} already in the workspace (skipped).</source>
        <translation>Stufenwechsel: {0} würden hinzugefügt; {1} schon im Arbeitsbereich (übersprungen).</translation>
    </message>
    <message>
        <source>Rows read: {0}; {1} would be rejected; {2} with ignored stages.</source>
        <translation>Gelesene Zeilen: {0}; {1} würden abgewiesen; {2} mit ignorierten Stufen.</translation>
    </message>
    <message>
        <source>New stages would be: {0}</source>
        <translation>Neue Stufen wären: {0}</translation>
    </message>
    <message>
        <source>New reps would be: {0}</source>
        <translation>Neue Vertriebler wären: {0}</translation>
    </message>
    <message>
        <source>New teams would be: {0}</source>
        <translation>Neue Teams wären: {0}</translation>
    </message>
    <message>
        <source>New loss reasons would be: {0}</source>
        <translation>Neue Verlustgründe wären: {0}</translation>
    </message>
    <message>
        <source>Opportunities: {0} added, {1} updated.</source>
        <translation>Verkaufschancen: {0} hinzugefügt, {1} aktualisiert.</translation>
    </message>
    <message>
        <source>Stage changes: {0} added; {1} already in the workspace (skipped).</source>
        <translation>Stufenwechsel: {0} hinzugefügt; {1} schon im Arbeitsbereich (übersprungen).</translation>
    </message>
    <message>
        <source>Rows read: {0}; {1} rejected; {2} with ignored stages.</source>
        <translation>Gelesene Zeilen: {0}; {1} abgewiesen; {2} mit ignorierten Stufen.</translation>
    </message>
    <message>
        <source>New stages: {0}</source>
        <translation>Neue Stufen: {0}</translation>
    </message>
    <message>
        <source>New reps: {0}</source>
        <translation>Neue Vertriebler: {0}</translation>
    </message>
    <message>
        <source>New teams: {0}</source>
        <translation>Neue Teams: {0}</translation>
    </message>
    <message>
        <source>New loss reasons: {0}</source>
        <translation>Neue Verlustgründe: {0}</translation>
    </message>
    <message>
        <source>Column {0}: {1}</source>
        <translation>Spalte {0}: {1}</translation>
    </message>
    <message>
        <source>Column {0}: not imported</source>
        <translation>Spalte {0}: nicht importiert</translation>
    </message>
    <message>
        <source>Row {0} of the file</source>
        <translation>Zeile {0} der Datei</translation>
    </message>
    <message>
        <source>Preview of the file</source>
        <translation>Vorschau der Datei</translation>
    </message>
    <message>
        <source>Week {0}, {1}</source>
        <translation>KW {0}, {1}</translation>
    </message>
    <message>
        <source>Team {0}</source>
        <translation>Team {0}</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Alle Teams</translation>
    </message>
    <message>
        <source>Plan — not started</source>
        <translation>Plan – nicht begonnen</translation>
    </message>
    <message>
        <source>Do — running</source>
        <translation>Do – läuft</translation>
    </message>
    <message>
        <source>Study — reading the results</source>
        <translation>Study – Ergebnisse werden gelesen</translation>
    </message>
    <message>
        <source>Act — awaiting a decision</source>
        <translation>Act – wartet auf Entscheidung</translation>
    </message>
    <message>
        <source>Figures as of the end of {0} (UTC).</source>
        <translation>Zahlen zum Ende von {0} (UTC).</translation>
    </message>
    <message>
        <source>Figures as of {0} UTC.</source>
        <translation>Zahlen zum Stand {0} UTC.</translation>
    </message>
    <message>
        <source>Last session held on {0}: “new” means new since then.</source>
        <translation>Letzte Sitzung am {0}: „neu“ heißt neu seitdem.</translation>
    </message>
    <message>
        <source>No session has been recorded yet: “new” means the last 7 days.</source>
        <translation>Noch keine Sitzung erfasst: „neu“ heißt die letzten 7 Tage.</translation>
    </message>
    <message>
        <source> — cycles, signals and the comparison are limited to the team&apos;s reps; WIP limits and aging are for the whole workspace.</source>
        <translation> – Zyklen, Signale und der Vergleich beschränken sich auf die Vertriebler des Teams; WIP-Limits und Alterung gelten für den ganzen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>1 active cycle</source>
        <translation>1 aktiver Zyklus</translation>
    </message>
    <message>
        <source>{0} active cycles</source>
        <translation>{0} aktive Zyklen</translation>
    </message>
    <message>
        <source>new chart signals on 1 transition</source>
        <translation>neue Diagrammsignale an 1 Übergang</translation>
    </message>
    <message>
        <source>new chart signals on {0} transitions</source>
        <translation>neue Diagrammsignale an {0} Übergängen</translation>
    </message>
    <message>
        <source>1 stage over its WIP limit</source>
        <translation>1 Stufe über ihrem WIP-Limit</translation>
    </message>
    <message>
        <source>{0} stages over their WIP limit</source>
        <translation>{0} Stufen über ihrem WIP-Limit</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>WEEKLY PDSA SESSION REPORT</source>
        <translation>BERICHT ZUR WÖCHENTLICHEN PDSA-SITZUNG</translation>
    </message>
    <message>
        <source>A past week, as the workspace stood at its end. What it cannot show as it was:</source>
        <translation>Eine vergangene Woche, so wie der Arbeitsbereich an ihrem Ende war. Was sich nicht so zeigen lässt, wie es damals war:</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Nothing on the agenda this week: no cycle needs a decision, no new signal, no stage over its WIP limit.</source>
        <translation>Diese Woche steht nichts auf der Agenda: Kein Zyklus braucht eine Entscheidung, kein neues Signal, keine Stufe über ihrem WIP-Limit.</translation>
    </message>
    <message>
        <source> (whole workspace)</source>
        <translation> (ganzer Arbeitsbereich)</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Change idea</source>
        <translation>Änderungsidee</translation>
    </message>
    <message>
        <source>Who, what, where, when</source>
        <translation>Wer, was, wo, wann</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>No prediction was written down.</source>
        <translation>Es wurde keine Vorhersage notiert.</translation>
    </message>
    <message>
        <source>Sample needed</source>
        <translation>Benötigte Stichprobe</translation>
    </message>
    <message>
        <source>{0} customers entering the stage</source>
        <translation>{0} Kunden, die in die Stufe eintreten</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Q{0} {1}</source>
        <translation>Q{0} {1}</translation>
    </message>
    <message>
        <source>Days in the time zone {0}; figures as of {1} UTC.</source>
        <translation>Tage in der Zeitzone {0}; Zahlen zum Stand {1} UTC.</translation>
    </message>
    <message>
        <source>MONTHLY REVIEW — SALES AND MARKETING</source>
        <translation>MONATSRÜCKBLICK – VERTRIEB UND MARKETING</translation>
    </message>
    <message>
        <source>Conversion by channel</source>
        <translation>Konversion nach Kanal</translation>
    </message>
    <message>
        <source>Customers who first entered the stage during the month, by the channel they came through; outcomes as known on {0}. Channels in alphabetical order, with their 95% intervals — side by side, not a ranking.</source>
        <translation>Kunden, die im Monat erstmals in die Stufe eintraten, nach dem Kanal, über den sie kamen; Ergebnisse nach Stand vom {0}. Kanäle in alphabetischer Reihenfolge mit ihren 95-%-Intervallen – nebeneinander, keine Rangliste.</translation>
    </message>
    <message>
        <source>No customer entered a stage during the month.</source>
        <translation>Im Monat trat kein Kunde in eine Stufe ein.</translation>
    </message>
    <message>
        <source>(no channel)</source>
        <translation>(kein Kanal)</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Marketing initiatives and the cycles they overlap</source>
        <translation>Marketing-Initiativen und die Zyklen, die sie überschneiden</translation>
    </message>
    <message>
        <source>No marketing initiative ran during the month.</source>
        <translation>Im Monat lief keine Marketing-Initiative.</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
    <message>
        <source>every channel</source>
        <translation>alle Kanäle</translation>
    </message>
    <message>
        <source>whole funnel</source>
        <translation>ganzer Trichter</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Initiative</source>
        <translation>Initiative</translation>
    </message>
    <message>
        <source>Aimed at</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Could confound</source>
        <translation>Könnte verfälschen</translation>
    </message>
    <message>
        <source>Forecasts against actuals</source>
        <translation>Prognosen gegenüber Ist-Werten</translation>
    </message>
    <message>
        <source>No forecast was for a period that ended this month.</source>
        <translation>Keine Prognose galt einem Zeitraum, der in diesem Monat endete.</translation>
    </message>
    <message>
        <source>late</source>
        <translation>spät</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Forecaster</source>
        <translation>Prognostiziert von</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Ist</translation>
    </message>
    <message>
        <source>Error %</source>
        <translation>Fehler %</translation>
    </message>
    <message>
        <source>Each forecaster over their last four closed periods</source>
        <translation>Jede prognostizierende Person über ihre letzten vier abgeschlossenen Zeiträume</translation>
    </message>
    <message>
        <source>No closed period has a forecast yet.</source>
        <translation>Noch kein abgeschlossener Zeitraum hat eine Prognose.</translation>
    </message>
    <message>
        <source>Bias: mean error in % of the actual (positive = optimistic). Accuracy: mean absolute % error. Listed by name, not ranked.</source>
        <translation>Verzerrung: mittlerer Fehler in % des Ist-Werts (positiv = optimistisch). Genauigkeit: mittlerer absoluter Fehler in %. Nach Namen geordnet, keine Rangliste.</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>Verzerrung</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Left out (actual 0)</source>
        <translation>Ausgelassen (Ist 0)</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Spät</translation>
    </message>
    <message>
        <source>Cycles decided this month</source>
        <translation>In diesem Monat entschiedene Zyklen</translation>
    </message>
    <message>
        <source>Adopted</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <source>Adapted</source>
        <translation>Angepasst</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>No cycle was decided this month.</source>
        <translation>In diesem Monat wurde kein Zyklus entschieden.</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Are our predictions calibrated?</source>
        <translation>Sind unsere Vorhersagen kalibriert?</translation>
    </message>
    <message>
        <source>No closed cycle has both a prediction and a result yet.</source>
        <translation>Noch kein abgeschlossener Zyklus hat sowohl eine Vorhersage als auch ein Ergebnis.</translation>
    </message>
    <message>
        <source>Every cycle closed by the month&apos;s end: its written prediction against the rate it observed. Bias is predicted minus observed in points (positive = optimistic); a calibrated team&apos;s predictions fall inside the cycle&apos;s 95% interval about 95% of the time.</source>
        <translation>Jeder bis Monatsende abgeschlossene Zyklus: seine notierte Vorhersage gegenüber der beobachteten Rate. Die Verzerrung ist Vorhersage minus Beobachtung in Prozentpunkten (positiv = optimistisch); die Vorhersagen eines kalibrierten Teams liegen in etwa 95 % der Fälle im 95-%-Intervall des Zyklus.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Cycles</source>
        <translation>Zyklen</translation>
    </message>
    <message>
        <source>Mean predicted</source>
        <translation>Mittl. Vorhersage</translation>
    </message>
    <message>
        <source>Mean observed</source>
        <translation>Mittl. Beobachtung</translation>
    </message>
    <message>
        <source>Inside the interval</source>
        <translation>Im Intervall</translation>
    </message>
    <message>
        <source>Not counted</source>
        <translation>Nicht gezählt</translation>
    </message>
    <message>
        <source>Monthly review · {0} · {1}</source>
        <translation>Monatsrückblick · {0} · {1}</translation>
    </message>
    <message>
        <source>{0} customers entered &apos;{1}&apos; during the cycle (at least {2} were needed) and every outcome is known.</source>
        <translation>{0} Kunden traten während des Zyklus in „{1}“ ein (mindestens {2} waren nötig), und jedes Ergebnis ist bekannt.</translation>
    </message>
    <message>
        <source>Every outcome so far will be known by {0}.</source>
        <translation>Alle bisherigen Ergebnisse sind bis {0} bekannt.</translation>
    </message>
    <message>
        <source>The numbers are for information only: do not decide on them yet.</source>
        <translation>Die Zahlen dienen nur zur Information: Entscheiden Sie noch nicht danach.</translation>
    </message>
    <message>
        <source> (+{0} pending)</source>
        <translation> (+{0} ausstehend)</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Converted / customers</source>
        <translation>Konvertiert / Kunden</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>Konversionsrate</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Basislinie</translation>
    </message>
    <message>
        <source>&lt;b&gt;Difference&lt;/b&gt; (cycle − baseline): {0}, 95% interval {1}; p-value {2}; chance that the cycle&apos;s rate is really higher: {3}.</source>
        <translation>&lt;b&gt;Differenz&lt;/b&gt; (Zyklus − Basislinie): {0}, 95-%-Intervall {1}; p-Wert {2}; Chance, dass die Rate des Zyklus wirklich höher ist: {3}.</translation>
    </message>
    <message>
        <source>No numeric prediction was written down for this cycle.</source>
        <translation>Für diesen Zyklus wurde keine zahlenmäßige Vorhersage notiert.</translation>
    </message>
    <message>
        <source>Prediction {0}: cannot be checked yet (no cycle customer has a known outcome).</source>
        <translation>Vorhersage {0}: noch nicht prüfbar (kein Kunde des Zyklus hat ein bekanntes Ergebnis).</translation>
    </message>
    <message>
        <source>inside</source>
        <translation>innerhalb</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>außerhalb</translation>
    </message>
    <message>
        <source>Prediction {0}: &lt;b&gt;{1}&lt;/b&gt; the cycle&apos;s interval {2}.</source>
        <translation>Vorhersage {0}: &lt;b&gt;{1}&lt;/b&gt; des Zyklus-Intervalls {2}.</translation>
    </message>
    <message>
        <source>Reps: {0}</source>
        <translation>Vertriebler: {0}</translation>
    </message>
    <message>
        <source>ACTIVE CYCLE</source>
        <translation>AKTIVER ZYKLUS</translation>
    </message>
    <message>
        <source>The study cannot be computed: {0}</source>
        <translation>Die Auswertung kann nicht berechnet werden: {0}</translation>
    </message>
    <message>
        <source>unknown reason</source>
        <translation>unbekannter Grund</translation>
    </message>
    <message>
        <source>reps of the cycle</source>
        <translation>Vertriebler des Zyklus</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interpretation</translation>
    </message>
    <message>
        <source>Awaiting the team&apos;s decision: adopt, adapt or abandon.</source>
        <translation>Wartet auf die Entscheidung des Teams: übernehmen, anpassen oder aufgeben.</translation>
    </message>
    <message>
        <source>team {0}</source>
        <translation>Team {0}</translation>
    </message>
    <message>
        <source>whole workspace</source>
        <translation>ganzer Arbeitsbereich</translation>
    </message>
    <message>
        <source>New chart signals</source>
        <translation>Neue Diagrammsignale</translation>
    </message>
    <message>
        <source>No new signals on the weekly P′ charts ({0}) since the last session.</source>
        <translation>Seit der letzten Sitzung keine neuen Signale in den wöchentlichen P′-Karten ({0}).</translation>
    </message>
    <message>
        <source>Over the WIP limit</source>
        <translation>Über dem WIP-Limit</translation>
    </message>
    <message>
        <source>Decide (Act)</source>
        <extracomment>The agenda&apos;s section names (core.agenda.Section), for the translation catalogue: translated at run time.</extracomment>
        <translation>Entscheiden (Act)</translation>
    </message>
    <message>
        <source>Ready to study</source>
        <translation>Bereit zur Auswertung</translation>
    </message>
    <message>
        <source>Cycles to start</source>
        <translation>Zu startende Zyklen</translation>
    </message>
    <message>
        <source>Running (Do)</source>
        <translation>Laufend (Do)</translation>
    </message>
    <message>
        <source>Tell the team (marketing)</source>
        <translation>Dem Team sagen (Marketing)</translation>
    </message>
    <message>
        <source>Aging opportunities</source>
        <translation>Alternde Verkaufschancen</translation>
    </message>
    <message>
        <source>Reps over the active-cycle cap</source>
        <translation>Vertriebler über dem Limit aktiver Zyklen</translation>
    </message>
    <message>
        <source>Forecast follow-up</source>
        <translation>Nachbetrachtung der Prognosen</translation>
    </message>
    <message>
        <source>No stage is over its WIP limit.</source>
        <translation>Keine Stufe ist über ihrem WIP-Limit.</translation>
    </message>
    <message>
        <source>Open opportunities now in each stage whose WIP limit is exceeded (workspace-wide: the limits apply to the whole workspace).</source>
        <translation>Offene Verkaufschancen jetzt in jeder Stufe, deren WIP-Limit überschritten ist (arbeitsbereichsweit: Die Limits gelten für den ganzen Arbeitsbereich).</translation>
    </message>
    <message>
        <source>open</source>
        <extracomment>(frame column, header) in the order shown. What a column sorts by, where that is not the text shown.</extracomment>
        <translation>offen</translation>
    </message>
    <message>
        <source>won</source>
        <translation>gewonnen</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <source>No stage yet</source>
        <translation>Noch keine Stufe</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>WIP limit</source>
        <translation>WIP-Limit</translation>
    </message>
    <message>
        <source>Over by</source>
        <translation>Überschritten um</translation>
    </message>
    <message>
        <source>Rep comparison</source>
        <translation>Vergleich der Vertriebler</translation>
    </message>
    <message>
        <source>Last 26 weeks ({0} – {1}), {2}: customers who entered the stage and whose outcome is known. Reps are in alphabetical order — a comparison against the funnel limits, not a ranking.</source>
        <translation>Letzte 26 Wochen ({0} – {1}), {2}: Kunden, die in die Stufe eintraten und deren Ergebnis bekannt ist. Vertriebler in alphabetischer Reihenfolge – ein Vergleich mit den Trichtergrenzen, keine Rangliste.</translation>
    </message>
    <message>
        <source>There is no transition to compare yet.</source>
        <translation>Es gibt noch keinen Übergang zum Vergleichen.</translation>
    </message>
    <message>
        <source>Pooled rate {0} over {1} customers.</source>
        <translation>Gepoolte Rate {0} über {1} Kunden.</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Konvertiert</translation>
    </message>
    <message>
        <source>Against the funnel limits</source>
        <translation>Gegenüber den Trichtergrenzen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Weekly PDSA session report · {0} · {1}</source>
        <translation>Bericht zur wöchentlichen PDSA-Sitzung · {0} · {1}</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Seite {0} von {1}</translation>
    </message>
    <message>
        <source>Laying out the pages</source>
        <translation>Seiten werden gesetzt</translation>
    </message>
    <message>
        <source>Report written</source>
        <translation>Bericht geschrieben</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Entries into a stage</source>
        <translation>Eintritte in eine Stufe</translation>
    </message>
    <message>
        <source>Won deals</source>
        <translation>Gewonnene Abschlüsse</translation>
    </message>
    <message>
        <source>Won revenue</source>
        <translation>Gewonnener Umsatz</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Vertrieb</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Führungskraft</translation>
    </message>
    <message>
        <source>Add the template&apos;s stages</source>
        <translation>Stufen der Vorlage hinzufügen</translation>
    </message>
    <message>
        <source>Could not undo or redo: {0}</source>
        <translation>Rückgängig oder Wiederholen nicht möglich: {0}</translation>
    </message>
    <message>
        <source>Record {0}&apos;s forecast</source>
        <translation>Prognose von {0} erfassen</translation>
    </message>
    <message>
        <source>Delete {0}&apos;s forecast</source>
        <translation>Prognose von {0} löschen</translation>
    </message>
    <message>
        <source>Start a new phase</source>
        <translation>Neue Phase beginnen</translation>
    </message>
    <message>
        <source>Freeze the baseline</source>
        <translation>Basislinie festlegen</translation>
    </message>
    <message>
        <source>Clear the baseline and phases</source>
        <translation>Basislinie und Phasen entfernen</translation>
    </message>
    <message>
        <source>Edit stage “{0}”</source>
        <translation>Stufe „{0}“ bearbeiten</translation>
    </message>
    <message>
        <source>Reorder stages</source>
        <translation>Stufen umordnen</translation>
    </message>
    <message>
        <source>Add stage “{0}”</source>
        <translation>Stufe „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Add tactic “{0}”</source>
        <translation>Taktik „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit tactic “{0}”</source>
        <translation>Taktik „{0}“ bearbeiten</translation>
    </message>
    <message>
        <source>pdsa-desk bundles (*.pdsa);;All files (*)</source>
        <translation>pdsa-desk-Pakete (*.pdsa);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Idea</source>
        <extracomment>&quot;tactic&quot; or &quot;cycle&quot; in :class:`TacticTreeModel`. Tactic statuses, cycle statuses and decisions as the user reads them (translated by :func:`status_label`).</extracomment>
        <translation>Idee</translation>
    </message>
    <message>
        <source>Testing</source>
        <translation>Im Test</translation>
    </message>
    <message>
        <source>Standard work</source>
        <translation>Standardarbeit</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Ausgemustert</translation>
    </message>
    <message>
        <source>Add initiative “{0}”</source>
        <translation>Initiative „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit initiative “{0}”</source>
        <translation>Initiative „{0}“ bearbeiten</translation>
    </message>
    <message>
        <source>Delete initiative “{0}”</source>
        <translation>Initiative „{0}“ löschen</translation>
    </message>
    <message>
        <source>Change marketing&apos;s cycle limit</source>
        <translation>Zyklus-Limit des Marketings ändern</translation>
    </message>
    <message>
        <source>Change workspace settings</source>
        <translation>Arbeitsbereichseinstellungen ändern</translation>
    </message>
    <message>
        <source>Archive tactic “{0}”</source>
        <translation>Taktik „{0}“ archivieren</translation>
    </message>
    <message>
        <source>Restore tactic “{0}”</source>
        <translation>Taktik „{0}“ wiederherstellen</translation>
    </message>
    <message>
        <source>Delete tactic</source>
        <translation>Taktik löschen</translation>
    </message>
    <message>
        <source>Delete tactic “{0}”? Undo (Ctrl+Z) brings it back.</source>
        <translation>Taktik „{0}“ löschen? Rückgängig (Strg+Z) holt sie zurück.</translation>
    </message>
    <message>
        <source>Delete tactic “{0}”</source>
        <translation>Taktik „{0}“ löschen</translation>
    </message>
    <message>
        <source>Archive cycle “{0}”</source>
        <translation>Zyklus „{0}“ archivieren</translation>
    </message>
    <message>
        <source>Restore cycle “{0}”</source>
        <translation>Zyklus „{0}“ wiederherstellen</translation>
    </message>
    <message>
        <source>“{0}” continues in a later ramp cycle; delete that one first.</source>
        <translation>„{0}“ wird in einem späteren Rampenzyklus fortgesetzt; löschen Sie zuerst diesen.</translation>
    </message>
    <message>
        <source>its decision</source>
        <translation>seine Entscheidung</translation>
    </message>
    <message>
        <source>“{0}” holds {1}: it is part of the team&apos;s record. Delete it anyway? It is kept as a deleted record, so merges carry the delete, and Undo (Ctrl+Z) brings it back.</source>
        <translation>„{0}“ enthält {1}: Er gehört zur Dokumentation des Teams. Trotzdem löschen? Er bleibt als gelöschter Datensatz erhalten, sodass Zusammenführungen das Löschen übernehmen, und Rückgängig (Strg+Z) holt ihn zurück.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Delete cycle</source>
        <translation>Zyklus löschen</translation>
    </message>
    <message>
        <source>Delete cycle “{0}”</source>
        <translation>Zyklus „{0}“ löschen</translation>
    </message>
    <message>
        <source>Could not undo or redo</source>
        <translation>Rückgängig machen oder Wiederholen nicht möglich</translation>
    </message>
    <message>
        <source>“{0}”: {1}</source>
        <translation>„{0}“: {1}</translation>
    </message>
</context>
<context>
    <name>ActTab</name>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Ad&amp;opt</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>Adap&amp;t</source>
        <translation>&amp;Anpassen</translation>
    </message>
    <message>
        <source>A&amp;bandon</source>
        <translation>A&amp;ufgeben</translation>
    </message>
    <message>
        <source>(required — the next team reads it)</source>
        <translation>(erforderlich – das nächste Team liest es)</translation>
    </message>
    <message>
        <source>Why this decision? What did the study show?</source>
        <translation>Warum diese Entscheidung? Was hat die Auswertung gezeigt?</translation>
    </message>
    <message>
        <source>Rationale</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>&amp;Record decision</source>
        <translation>Entscheidung &amp;festhalten</translation>
    </message>
    <message>
        <source>the chain of linked cycles testing this idea</source>
        <translation>die Kette verknüpfter Zyklen, die diese Idee testen</translation>
    </message>
    <message>
        <source>Ramp</source>
        <translation>Rampe</translation>
    </message>
    <message>
        <source>The tactic becomes standard work for the stage; the cycle closes.</source>
        <translation>Die Taktik wird Standardarbeit für die Stufe; der Zyklus wird abgeschlossen.</translation>
    </message>
    <message>
        <source>A linked next cycle is planned from this one (same tactic, reps and prediction) and opened for you to change.</source>
        <translation>Ein verknüpfter nächster Zyklus wird aus diesem geplant (gleiche Taktik, Vertriebler und Vorhersage) und zum Ändern geöffnet.</translation>
    </message>
    <message>
        <source>The tactic is retired (if nothing else tests it); the cycle closes.</source>
        <translation>Die Taktik wird ausgemustert (falls nichts anderes sie testet); der Zyklus wird abgeschlossen.</translation>
    </message>
    <message>
        <source>Decided &lt;b&gt;{0}&lt;/b&gt; on {1}.</source>
        <translation>Entschieden: &lt;b&gt;{0}&lt;/b&gt; am {1}.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is now {1}. &lt;a href=&apos;{2}&apos;&gt;Show the standards&lt;/a&gt;</source>
        <translation>„{0}“ ist jetzt {1}. &lt;a href=&apos;{2}&apos;&gt;Standards anzeigen&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Read the Study tab, then choose what happens to the tactic and say why.</source>
        <translation>Lesen Sie den Reiter „Study“, wählen Sie dann, was mit der Taktik geschieht, und begründen Sie es.</translation>
    </message>
    <message>
        <source>The decision comes after the Study step: this cycle is in {0}.</source>
        <translation>Die Entscheidung folgt auf den Study-Schritt: Dieser Zyklus ist in {0}.</translation>
    </message>
    <message>
        <source>Computing the ramp…</source>
        <translation>Rampe wird berechnet…</translation>
    </message>
    <message>
        <source>This cycle has no linked cycles yet: &apos;Adapt&apos; plans the next one.</source>
        <translation>Dieser Zyklus hat noch keine verknüpften Zyklen: „Anpassen“ plant den nächsten.</translation>
    </message>
    <message>
        <source>Customers, rate and difference from each cycle&apos;s own baseline (* too early to read). Double-click a cycle to open it.</source>
        <translation>Kunden, Rate und Differenz zur eigenen Basislinie jedes Zyklus (* zu früh zum Ablesen). Doppelklicken Sie auf einen Zyklus, um ihn zu öffnen.</translation>
    </message>
    <message>
        <source>This cycle is already decided</source>
        <translation>Dieser Zyklus ist bereits entschieden</translation>
    </message>
    <message>
        <source>Study the cycle before deciding</source>
        <translation>Werten Sie den Zyklus aus, bevor Sie entscheiden</translation>
    </message>
    <message>
        <source>Choose adopt, adapt or abandon</source>
        <translation>Wählen Sie übernehmen, anpassen oder aufgeben</translation>
    </message>
    <message>
        <source>Write the rationale first</source>
        <translation>Schreiben Sie zuerst die Begründung</translation>
    </message>
    <message>
        <source>Record the decision and close the cycle</source>
        <translation>Die Entscheidung festhalten und den Zyklus schließen</translation>
    </message>
</context>
<context>
    <name>Agenda</name>
    <message>
        <source>Decide (Act)</source>
        <extracomment>The translation context of the agenda&apos;s texts (see :mod:`pdsa_desk.core.messages`).</extracomment>
        <translation>Entscheiden (Act)</translation>
    </message>
    <message>
        <source>Ready to study</source>
        <translation>Bereit zur Auswertung</translation>
    </message>
    <message>
        <source>Cycles to start</source>
        <translation>Zu startende Zyklen</translation>
    </message>
    <message>
        <source>Running (Do)</source>
        <translation>Laufend (Do)</translation>
    </message>
    <message>
        <source>New chart signals</source>
        <translation>Neue Diagrammsignale</translation>
    </message>
    <message>
        <source>Tell the team (marketing)</source>
        <translation>Dem Team sagen (Marketing)</translation>
    </message>
    <message>
        <source>Over the WIP limit</source>
        <translation>Über dem WIP-Limit</translation>
    </message>
    <message>
        <source>Aging opportunities</source>
        <translation>Alternde Verkaufschancen</translation>
    </message>
    <message>
        <source>Reps over the active-cycle cap</source>
        <translation>Vertriebler über der Obergrenze aktiver Zyklen</translation>
    </message>
    <message>
        <source>Forecast follow-up</source>
        <translation>Nachbetrachtung der Prognosen</translation>
    </message>
    <message>
        <source>%1: %2 opportunity</source>
        <extracomment>Sections not computed yet (see :func:`first_agenda`): their items come with the complete agenda.</extracomment>
        <translation>%1: %2 Verkaufschance</translation>
    </message>
    <message>
        <source>%1: %2 opportunities</source>
        <translation>%1: %2 Verkaufschancen</translation>
    </message>
    <message>
        <source>Longer in the stage than 85% of past customers (over %1 days); oldest: %2 (%3 days).</source>
        <translation>Länger in der Stufe als 85 % der bisherigen Kunden (über %1 Tage); am längsten: %2 (%3 Tage).</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>%1 Marketing overlapped it: %2.</source>
        <translation>%1 Das Marketing lief gleichzeitig: %2.</translation>
    </message>
    <message>
        <source>Planned to start today.</source>
        <translation>Geplanter Start ist heute.</translation>
    </message>
    <message>
        <source>Planned start was %1 day ago.</source>
        <translation>Der geplante Start war vor %1 Tag.</translation>
    </message>
    <message>
        <source>Planned start was %1 days ago.</source>
        <translation>Der geplante Start war vor %1 Tagen.</translation>
    </message>
    <message>
        <source>Studied; decide: adopt, adapt or abandon.</source>
        <translation>Ausgewertet; entscheiden: übernehmen, anpassen oder aufgeben.</translation>
    </message>
    <message>
        <source>%1. Decide: adopt, adapt or abandon.</source>
        <translation>%1. Entscheiden: übernehmen, anpassen oder aufgeben.</translation>
    </message>
    <message>
        <source>%1. Read the results together and write the interpretation.</source>
        <translation>%1. Die Ergebnisse gemeinsam lesen und die Deutung festhalten.</translation>
    </message>
    <message>
        <source>In Study, but too early: %1</source>
        <translation>In der Auswertung, aber zu früh: %1</translation>
    </message>
    <message>
        <source>Enough mature data (%1 customers): move it to Study. %2.</source>
        <translation>Genug abgeschlossene Daten (%1 Kunden): in die Auswertung (Study) verschieben. %2.</translation>
    </message>
    <message>
        <source>%1 day left; %2 of %3 customers so far.</source>
        <translation>Noch %1 Tag; bisher %2 von %3 Kunden.</translation>
    </message>
    <message>
        <source>%1 days left; %2 of %3 customers so far.</source>
        <translation>Noch %1 Tage; bisher %2 von %3 Kunden.</translation>
    </message>
    <message>
        <source>Planned end passed %1 day ago; waiting for data: %2</source>
        <translation>Das geplante Ende ist seit %1 Tag vorbei; es fehlen noch Daten: %2</translation>
    </message>
    <message>
        <source>Planned end passed %1 days ago; waiting for data: %2</source>
        <translation>Das geplante Ende ist seit %1 Tagen vorbei; es fehlen noch Daten: %2</translation>
    </message>
    <message>
        <source>%1 customers so far.</source>
        <translation>Bisher %1 Kunden.</translation>
    </message>
    <message>
        <source>%1 open opportunities; the limit is %2. Finish before starting more.</source>
        <translation>%1 offene Verkaufschancen; das Limit ist %2. Erst abschließen, dann Neues beginnen.</translation>
    </message>
    <message>
        <source>In %1 active cycles; the cap is %2. Too many experiments at once blur every result.</source>
        <translation>In %1 aktiven Zyklen; die Obergrenze ist %2. Zu viele Experimente gleichzeitig verwischen jedes Ergebnis.</translation>
    </message>
    <message>
        <source>%1, channel %2</source>
        <translation>%1, Kanal %2</translation>
    </message>
    <message>
        <source>%1 new signal on the weekly %2 chart; latest: week of %3 at %4, above the centre line (%5)</source>
        <translation>%1 neues Signal in der wöchentlichen %2-Karte; zuletzt: Woche vom %3 mit %4, über der Mittellinie (%5)</translation>
    </message>
    <message>
        <source>%1 new signals on the weekly %2 chart; latest: week of %3 at %4, above the centre line (%5)</source>
        <translation>%1 neue Signale in der wöchentlichen %2-Karte; zuletzt: Woche vom %3 mit %4, über der Mittellinie (%5)</translation>
    </message>
    <message>
        <source>%1 new signal on the weekly %2 chart; latest: week of %3 at %4, below the centre line (%5)</source>
        <translation>%1 neues Signal in der wöchentlichen %2-Karte; zuletzt: Woche vom %3 mit %4, unter der Mittellinie (%5)</translation>
    </message>
    <message>
        <source>%1 new signals on the weekly %2 chart; latest: week of %3 at %4, below the centre line (%5)</source>
        <translation>%1 neue Signale in der wöchentlichen %2-Karte; zuletzt: Woche vom %3 mit %4, unter der Mittellinie (%5)</translation>
    </message>
    <message>
        <source>%1 (phase %2 of %3)</source>
        <translation>%1 (Phase %2 von %3)</translation>
    </message>
    <message>
        <source>%1. Ask marketing what reached this channel.</source>
        <translation>%1. Fragen Sie das Marketing, was diesen Kanal erreicht hat.</translation>
    </message>
    <message>
        <source>%1. Look for a cause.</source>
        <translation>%1. Nach einer Ursache suchen.</translation>
    </message>
    <message>
        <source>%1 new signal on the weekly %2 chart of the %6 channel alone; latest: week of %3 at %4, above its centre line (%5)</source>
        <translation>%1 neues Signal in der wöchentlichen %2-Karte allein des Kanals %6; zuletzt: Woche vom %3 mit %4, über ihrer Mittellinie (%5)</translation>
    </message>
    <message>
        <source>%1 new signals on the weekly %2 chart of the %6 channel alone; latest: week of %3 at %4, above its centre line (%5)</source>
        <translation>%1 neue Signale in der wöchentlichen %2-Karte allein des Kanals %6; zuletzt: Woche vom %3 mit %4, über ihrer Mittellinie (%5)</translation>
    </message>
    <message>
        <source>%1 new signal on the weekly %2 chart of the %6 channel alone; latest: week of %3 at %4, below its centre line (%5)</source>
        <translation>%1 neues Signal in der wöchentlichen %2-Karte allein des Kanals %6; zuletzt: Woche vom %3 mit %4, unter ihrer Mittellinie (%5)</translation>
    </message>
    <message>
        <source>%1 new signals on the weekly %2 chart of the %6 channel alone; latest: week of %3 at %4, below its centre line (%5)</source>
        <translation>%1 neue Signale in der wöchentlichen %2-Karte allein des Kanals %6; zuletzt: Woche vom %3 mit %4, unter ihrer Mittellinie (%5)</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>every channel</source>
        <translation>alle Kanäle</translation>
    </message>
    <message>
        <source>a deleted stage</source>
        <translation>eine gelöschte Stufe</translation>
    </message>
    <message>
        <source>into %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>the whole funnel</source>
        <translation>der ganze Trichter</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Runs %1 to %2</source>
        <translation>Läuft %1 bis %2</translation>
    </message>
    <message>
        <source>Ends %1</source>
        <translation>Endet %1</translation>
    </message>
    <message>
        <source>Starts %1, until %2</source>
        <translation>Beginnt %1, bis %2</translation>
    </message>
    <message>
        <source>Starts %1</source>
        <translation>Beginnt %1</translation>
    </message>
    <message>
        <source>%1 (%2).</source>
        <translation>%1 (%2).</translation>
    </message>
    <message>
        <source>Owner: %1.</source>
        <translation>Verantwortlich: %1.</translation>
    </message>
    <message>
        <source>Tell the team: %1</source>
        <translation>Dem Team sagen: %1</translation>
    </message>
    <message>
        <source>Tell the team what customers will hear.</source>
        <translation>Dem Team sagen, was die Kunden hören werden.</translation>
    </message>
    <message>
        <source>%1 has closed: hold its follow-up with sales and marketing. %2 forecast by %3 against the actuals, each forecaster&apos;s bias and accuracy (by name, not a ranking).</source>
        <translation>%1 ist abgeschlossen: Halten Sie die Nachbetrachtung mit Vertrieb und Marketing. %2 Prognose von %3 gegen die Istwerte, Verzerrung und Genauigkeit jeder Person, die prognostiziert hat (nach Namen, keine Rangliste).</translation>
    </message>
    <message>
        <source>%1 has closed: hold its follow-up with sales and marketing. %2 forecasts by %3 against the actuals, each forecaster&apos;s bias and accuracy (by name, not a ranking).</source>
        <translation>%1 ist abgeschlossen: Halten Sie die Nachbetrachtung mit Vertrieb und Marketing. %2 Prognosen von %3 gegen die Istwerte, Verzerrung und Genauigkeit jeder Person, die prognostiziert hat (nach Namen, keine Rangliste).</translation>
    </message>
    <message>
        <source>%1 has closed, and nobody forecast it: agree who forecasts what for the new quarter.</source>
        <translation>%1 ist abgeschlossen, und niemand hat es prognostiziert: Vereinbaren Sie, wer was für das neue Quartal prognostiziert.</translation>
    </message>
    <message>
        <source>No forecast for %1 yet: record them before the quarter runs far.</source>
        <translation>Noch keine Prognose für %1: Erfassen Sie sie, bevor das Quartal weit fortgeschritten ist.</translation>
    </message>
    <message>
        <source>Quarterly follow-up: %1</source>
        <translation>Quartalsnachbetrachtung: %1</translation>
    </message>
    <message>
        <source>Q%1 %2</source>
        <translation>Q%1 %2</translation>
    </message>
</context>
<context>
    <name>BoardColumn</name>
    <message>
        <source>Open opportunities in this stage / its WIP limit</source>
        <translation>Offene Verkaufschancen in dieser Stufe / ihr WIP-Limit</translation>
    </message>
    <message>
        <source>closes as won</source>
        <translation>wird als gewonnen abgeschlossen</translation>
    </message>
    <message>
        <source>opened without a stage</source>
        <translation>ohne Stufe eröffnet</translation>
    </message>
    <message>
        <source>85% move on within {0} d</source>
        <translation>85 % gehen innerhalb von {0} T weiter</translation>
    </message>
    <message>
        <source>reading the history…</source>
        <translation>Historie wird gelesen…</translation>
    </message>
    <message>
        <source>no completed visits yet</source>
        <translation>noch kein Aufenthalt beendet</translation>
    </message>
    <message>
        <source>{0} shown</source>
        <translation>{0} angezeigt</translation>
    </message>
    <message>
        <source>{0}: {1} open opportunities. No WIP limit is set for this stage.</source>
        <translation>{0}: {1} offene Verkaufschancen. Für diese Stufe ist kein WIP-Limit festgelegt.</translation>
    </message>
    <message>
        <source>{0}: {1} open opportunities, over the WIP limit of {2} by {3}. Finish or close work here before pulling more in.</source>
        <translation>{0}: {1} offene Verkaufschancen, {3} über dem WIP-Limit von {2}. Schließen Sie hier Arbeit ab, bevor Sie weitere hereinholen.</translation>
    </message>
    <message>
        <source>{0}: {1} open opportunities; WIP limit {2}.</source>
        <translation>{0}: {1} offene Verkaufschancen; WIP-Limit {2}.</translation>
    </message>
    <message>
        <source>The aging marks come once the stage history is read.</source>
        <translation>Die Alterungsmarken folgen, sobald die Historie der Stufen gelesen ist.</translation>
    </message>
    <message>
        <source>85% of past visits to this stage moved on within {0} days; cards in it longer are marked Aging.</source>
        <translation>85 % der bisherigen Aufenthalte in dieser Stufe gingen innerhalb von {0} Tagen weiter; länger liegende Karten werden als „Alternd“ markiert.</translation>
    </message>
    <message>
        <source>No completed visits yet, so no card is marked Aging here.</source>
        <translation>Noch keine abgeschlossenen Aufenthalte, daher wird hier keine Karte als „Alternd“ markiert.</translation>
    </message>
</context>
<context>
    <name>BoardRecords</name>
    <message>
        <source>Cards</source>
        <extracomment>Above this many rows the search waits for a pause in typing (SEARCH_PAUSE_MS).</extracomment>
        <translation>Karten</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Open opportunities as cards in their stage columns</source>
        <translation>Offene Verkaufschancen als Karten in den Spalten ihrer Stufe</translation>
    </message>
    <message>
        <source>Every opportunity, open or closed, in a sortable table</source>
        <translation>Alle Verkaufschancen, offen oder abgeschlossen, in einer sortierbaren Tabelle</translation>
    </message>
    <message>
        <source>New opportunity…</source>
        <translation>Neue Verkaufschance…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Add an opportunity, in a stage or without one (Ctrl+N)</source>
        <translation>Eine Verkaufschance hinzufügen, mit oder ohne Stufe (Strg+N)</translation>
    </message>
    <message>
        <source>Edit the selected opportunity (Ctrl+E, or double-click it)</source>
        <translation>Die gewählte Verkaufschance bearbeiten (Strg+E oder Doppelklick)</translation>
    </message>
    <message>
        <source>Search by name, rep, stage or outcome</source>
        <translation>Nach Name, Vertriebler, Stufe oder Ergebnis suchen</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The table could not be loaded: {0}</source>
        <translation>Die Tabelle konnte nicht geladen werden: {0}</translation>
    </message>
    <message>
        <source>No opportunities yet — add one (Ctrl+N) or import them on the Data page</source>
        <translation>Noch keine Verkaufschancen — legen Sie eine an (Strg+N) oder importieren Sie sie auf der Seite Daten</translation>
    </message>
    <message numerus="yes">
        <source>%n opportunities</source>
        <translation>
            <numerusform>%n Verkaufschance</numerusform>
            <numerusform>%n Verkaufschancen</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <source>Select an opportunity first (a card, or a row of the table)</source>
        <translation>Zuerst eine Verkaufschance wählen (eine Karte oder eine Zeile der Tabelle)</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <source>Drag a card onto a later stage, or select it and press Ctrl+→. Cards only move forward: a move records what the customer did (undo a mistaken one with Ctrl+Z). Double-click a card to edit it, Enter for its history.</source>
        <translation>Ziehen Sie eine Karte auf eine spätere Stufe, oder wählen Sie sie und drücken Sie Strg+→. Karten bewegen sich nur vorwärts: Eine Verschiebung hält fest, was der Kunde getan hat (eine irrtümliche machen Sie mit Strg+Z rückgängig). Doppelklick auf eine Karte zum Bearbeiten, Eingabetaste für ihren Verlauf.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Board&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Board&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>Show the cards of one team</source>
        <translation>Die Karten eines Teams anzeigen</translation>
    </message>
    <message>
        <source>&amp;Rep:</source>
        <translation>&amp;Vertriebler:</translation>
    </message>
    <message>
        <source>Show the cards of one rep</source>
        <translation>Die Karten eines Vertriebsmitarbeiters anzeigen</translation>
    </message>
    <message>
        <source>Search opportunities by name (Ctrl+F)</source>
        <translation>Verkaufschancen nach Namen suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Move forward…</source>
        <translation>Weiterschieben…</translation>
    </message>
    <message>
        <source>Mark won…</source>
        <translation>Als gewonnen markieren…</translation>
    </message>
    <message>
        <source>Mark lost…</source>
        <translation>Als verloren markieren…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Verlauf…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>The board could not be loaded: {0}</source>
        <translation>Das Board konnte nicht geladen werden: {0}</translation>
    </message>
    <message>
        <source>No stages yet — define the customer journey and its observable standards on the &lt;a href=&quot;standards&quot;&gt;Standards&lt;/a&gt; page first.</source>
        <translation>Noch keine Stufen – legen Sie zuerst auf der Seite &lt;a href=&quot;standards&quot;&gt;Standards&lt;/a&gt; die Customer Journey und ihre beobachtbaren Standards fest.</translation>
    </message>
    <message>
        <source>No stage yet</source>
        <translation>Noch keine Stufe</translation>
    </message>
    <message>
        <source>Drop a card here when the customer has signed: it closes as won.</source>
        <translation>Legen Sie eine Karte hier ab, wenn der Kunde unterschrieben hat: Sie wird als gewonnen abgeschlossen.</translation>
    </message>
    <message>
        <source>No open opportunities here.</source>
        <translation>Hier gibt es keine offenen Verkaufschancen.</translation>
    </message>
    <message>
        <source>Cards in {0}</source>
        <translation>Karten in {0}</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Alle Teams</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Kein Team</translation>
    </message>
    <message>
        <source>All reps</source>
        <translation>Alle Vertriebler</translation>
    </message>
    <message>
        <source>{0} (inactive)</source>
        <translation>{0} (inaktiv)</translation>
    </message>
    <message>
        <source>No rep</source>
        <translation>Kein Vertriebler</translation>
    </message>
    <message>
        <source>Loading the board…</source>
        <translation>Das Board wird geladen…</translation>
    </message>
    <message>
        <source>No open opportunities — import them on the Data page, or add one with “New opportunity” (Ctrl+N).</source>
        <translation>Keine offenen Verkaufschancen — importieren Sie sie auf der Seite Daten, oder legen Sie eine mit „Neue Verkaufschance“ (Strg+N) an.</translation>
    </message>
    <message>
        <source>{0} open</source>
        <translation>{0} offen</translation>
    </message>
    <message>
        <source>Showing {0} of {1} open</source>
        <translation>{0} von {1} offenen angezeigt</translation>
    </message>
    <message>
        <source>{0} open · {1} aging</source>
        <translation>{0} offen · {1} alternd</translation>
    </message>
    <message>
        <source>Showing {0} of {1} open · {2} aging</source>
        <translation>{0} von {1} offenen angezeigt · {2} alternd</translation>
    </message>
    <message numerus="yes">
        <source>%n stage(s) over the WIP limit</source>
        <translation>
            <numerusform>%n Stufe über dem WIP-Limit</numerusform>
            <numerusform>%n Stufen über dem WIP-Limit</numerusform>
        </translation>
    </message>
    <message>
        <source>recording the edit…</source>
        <translation>die Änderung wird gespeichert…</translation>
    </message>
    <message>
        <source>reading the history for the aging marks…</source>
        <translation>die Historie für die Alterungsmarken wird gelesen…</translation>
    </message>
    <message>
        <source>updating…</source>
        <translation>wird aktualisiert…</translation>
    </message>
    <message>
        <source>Select a card first (click it, or Tab to a column and use the arrow keys).</source>
        <translation>Wählen Sie zuerst eine Karte aus (klicken Sie darauf, oder wechseln Sie mit Tab in eine Spalte und benutzen Sie die Pfeiltasten).</translation>
    </message>
    <message>
        <source>“{0}” is in the last stage; mark it won or lost.</source>
        <translation>„{0}“ ist in der letzten Stufe; markieren Sie sie als gewonnen oder verloren.</translation>
    </message>
    <message>
        <source>Move “{0}” to “{1}”, with the evidence seen (Ctrl+→)</source>
        <translation>„{0}“ nach „{1}“ verschieben, mit dem gesehenen Nachweis (Strg+→)</translation>
    </message>
    <message>
        <source>Record that the customer signed (Ctrl+Shift+W)</source>
        <translation>Festhalten, dass der Kunde unterschrieben hat (Strg+Umschalt+W)</translation>
    </message>
    <message>
        <source>Close “{0}” as won (Ctrl+Shift+W)</source>
        <translation>„{0}“ als gewonnen abschließen (Strg+Umschalt+W)</translation>
    </message>
    <message>
        <source>Close “{0}” as lost, with a reason (Ctrl+Shift+L)</source>
        <translation>„{0}“ als verloren abschließen, mit Grund (Strg+Umschalt+L)</translation>
    </message>
    <message>
        <source>Stage moves of “{0}” and the evidence seen (Enter)</source>
        <translation>Stufenwechsel von „{0}“ und die gesehenen Nachweise (Eingabe)</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Verschieben nach</translation>
    </message>
    <message>
        <source>Cards only move forward: a stage move records what the customer did.</source>
        <extracomment>Edits applied on the worker whose outcome has not come back yet (see :meth:`_push`).</extracomment>
        <translation>Karten bewegen sich nur vorwärts: Ein Stufenwechsel hält fest, was der Kunde getan hat.</translation>
    </message>
    <message>
        <source>Move “{0}” to {1}</source>
        <translation>„{0}“ nach {1} verschieben</translation>
    </message>
    <message>
        <source>Mark “{0}” won</source>
        <translation>„{0}“ als gewonnen markieren</translation>
    </message>
    <message>
        <source>Mark “{0}” lost</source>
        <translation>„{0}“ als verloren markieren</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Verkaufschance</translation>
    </message>
    <message>
        <source>opened {0}</source>
        <translation>eröffnet {0}</translation>
    </message>
    <message>
        <source>in “{0}” for {1} d</source>
        <translation>seit {1} T in „{0}“</translation>
    </message>
    <message>
        <source>That opportunity is not open any more, so it is not on the board.</source>
        <translation>Diese Verkaufschance ist nicht mehr offen und steht daher nicht auf dem Board.</translation>
    </message>
    <message numerus="yes">
        <source>“{0}” holds %n open opportunities; its WIP limit is {1}.</source>
        <translation>
            <numerusform>„{0}“ enthält %n offene Verkaufschance; ihr WIP-Limit ist {1}.</numerusform>
            <numerusform>„{0}“ enthält %n offene Verkaufschancen; ihr WIP-Limit ist {1}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Are our predictions calibrated?</source>
        <translation>Sind unsere Vorhersagen kalibriert?</translation>
    </message>
    <message>
        <source>Each closed cycle&apos;s written prediction against the rate it observed. &lt;b&gt;Bias&lt;/b&gt; is the mean of predicted minus observed (positive = optimistic); &lt;b&gt;inside&lt;/b&gt; counts predictions within the cycle&apos;s 95% interval. Owners are listed by name — this is for learning to predict, not a ranking.</source>
        <translation>Die notierte Vorhersage jedes abgeschlossenen Zyklus gegenüber der beobachteten Rate. &lt;b&gt;Verzerrung&lt;/b&gt; ist der Mittelwert von Vorhersage minus Beobachtung (positiv = optimistisch); &lt;b&gt;innerhalb&lt;/b&gt; zählt Vorhersagen im 95-%-Intervall des Zyklus. Verantwortliche stehen nach Namen – es geht ums Vorhersagen-Lernen, nicht um eine Rangliste.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Cycles counted</source>
        <translation>Gezählte Zyklen</translation>
    </message>
    <message>
        <source>Mean predicted</source>
        <translation>Mittl. Vorhersage</translation>
    </message>
    <message>
        <source>Mean observed</source>
        <translation>Mittl. Beobachtung</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>Verzerrung</translation>
    </message>
    <message>
        <source>Mean abs. error</source>
        <translation>Mittl. abs. Fehler</translation>
    </message>
    <message>
        <source>Inside the interval</source>
        <translation>Im Intervall</translation>
    </message>
    <message>
        <source>Not counted</source>
        <translation>Nicht gezählt</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>Zyklus</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Beobachtet</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>Innerhalb</translation>
    </message>
    <message>
        <source>not counted: no prediction</source>
        <translation>nicht gezählt: keine Vorhersage</translation>
    </message>
    <message>
        <source>not counted: nothing observed</source>
        <translation>nicht gezählt: nichts beobachtet</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>CalibrationPanel</name>
    <message>
        <source>Across closed cycles: the predicted rate against the observed one. A calibrated team&apos;s predictions fall inside the cycle&apos;s 95% interval about 95% of the time.</source>
        <extracomment>Emitted after a computation was shown (also when there was nothing to compute).</extracomment>
        <translation>Über abgeschlossene Zyklen: die vorhergesagte Rate gegenüber der beobachteten. Die Vorhersagen eines kalibrierten Teams liegen in etwa 95 % der Fälle im 95-%-Intervall des Zyklus.</translation>
    </message>
    <message>
        <source>Calibration…</source>
        <translation>Kalibrierung…</translation>
    </message>
    <message>
        <source>Prediction against result for every closed cycle, for the team and per cycle owner</source>
        <translation>Vorhersage gegenüber Ergebnis für jeden abgeschlossenen Zyklus, für das Team und je Verantwortlichen</translation>
    </message>
    <message>
        <source>Prediction calibration: computing…</source>
        <translation>Kalibrierung der Vorhersagen: wird berechnet…</translation>
    </message>
    <message>
        <source>Prediction calibration: no closed cycle with a prediction and a result yet.</source>
        <translation>Kalibrierung der Vorhersagen: noch kein abgeschlossener Zyklus mit Vorhersage und Ergebnis.</translation>
    </message>
    <message numerus="yes">
        <source>Predictions of %n closed cycle(s): bias {0}, inside the cycle&apos;s interval {1} of them ({2}).</source>
        <translation>
            <numerusform>Vorhersage von %n abgeschlossenen Zyklus: Verzerrung {0}, im Intervall des Zyklus {1} davon ({2}).</numerusform>
            <numerusform>Vorhersagen von %n abgeschlossenen Zyklen: Verzerrung {0}, im Intervall des Zyklus {1} davon ({2}).</numerusform>
        </translation>
    </message>
    <message>
        <source>Prediction calibration could not be computed: {0}</source>
        <translation>Die Kalibrierung der Vorhersagen konnte nicht berechnet werden: {0}</translation>
    </message>
</context>
<context>
    <name>CardListView</name>
    <message>
        <source>Cards only move forward: a stage move records what the customer did. Undo (Ctrl+Z) takes back a mistaken move.</source>
        <extracomment>Five stage columns and the won column fit beside the navigation at 1366 px; more scroll sideways. The won stage is a drop target (open cards rarely sit there), so it may be narrower.</extracomment>
        <translation>Karten bewegen sich nur vorwärts: Ein Stufenwechsel hält fest, was der Kunde getan hat. Rückgängig (Strg+Z) nimmt einen irrtümlichen Schritt zurück.</translation>
    </message>
</context>
<context>
    <name>ChartFrame</name>
    <message>
        <source>&amp;Copy chart to clipboard</source>
        <extracomment>A file was written by an export (path). The context menu on screen (or last shown).</extracomment>
        <translation>Diagramm in die Zwischenablage &amp;kopieren</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>&amp;PNG exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;SVG…</source>
        <translation>&amp;SVG exportieren…</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG-Vektorgrafik (*.svg)</translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation>Diagramm als PNG exportieren</translation>
    </message>
    <message>
        <source>Export chart as SVG</source>
        <translation>Diagramm als SVG exportieren</translation>
    </message>
</context>
<context>
    <name>ChartGuard</name>
    <message>
        <source>%1 opportunity</source>
        <translation>%1 Verkaufschance</translation>
    </message>
    <message>
        <source>%1 opportunities</source>
        <translation>%1 Verkaufschancen</translation>
    </message>
    <message>
        <source>%1 week</source>
        <translation>%1 Woche</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 Wochen</translation>
    </message>
    <message>
        <source>%1 month</source>
        <translation>%1 Monat</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 Monate</translation>
    </message>
    <message>
        <source>phase %1</source>
        <translation>Phase %1</translation>
    </message>
    <message>
        <source>phases %1 and %2</source>
        <translation>Phasen %1 und %2</translation>
    </message>
    <message>
        <source>a typical week has %1</source>
        <translation>eine typische Woche hat %1</translation>
    </message>
    <message>
        <source>a typical month has %1</source>
        <translation>ein typischer Monat hat %1</translation>
    </message>
    <message>
        <source>%1, too few to place control limits</source>
        <translation>%1, zu wenige für Eingriffsgrenzen</translation>
    </message>
    <message>
        <source>%1 where control limits need about %2 at a rate of %3 (%4 expected conversions and non-conversions each)</source>
        <translation>%1, Eingriffsgrenzen brauchen bei einer Rate von %3 aber etwa %2 (je %4 erwartete Konversionen und Nicht-Konversionen)</translation>
    </message>
    <message>
        <source>so no point there is marked as a signal</source>
        <translation>daher wird dort kein Punkt als Signal markiert</translation>
    </message>
    <message>
        <source>so no point is marked as a signal</source>
        <translation>daher wird kein Punkt als Signal markiert</translation>
    </message>
    <message>
        <source>so no limits are drawn and only the runs rules judge the points</source>
        <translation>daher werden keine Grenzen gezeichnet und nur die Laufregeln beurteilen die Punkte</translation>
    </message>
    <message>
        <source>so only the control limits judge the points</source>
        <translation>daher beurteilen nur die Eingriffsgrenzen die Punkte</translation>
    </message>
    <message>
        <source>so some rules are not applied</source>
        <translation>daher werden einige Regeln nicht angewandt</translation>
    </message>
    <message>
        <source>only %1 with data off the centre line, where the runs rules need %2</source>
        <translation>nur %1 mit Daten abseits der Mittellinie, die Laufregeln brauchen %2</translation>
    </message>
    <message>
        <source>Too little data to tell a signal from noise</source>
        <translation>Zu wenige Daten, um ein Signal von Rauschen zu unterscheiden</translation>
    </message>
    <message>
        <source>Too little data to tell a signal from noise in %1</source>
        <translation>Zu wenige Daten, um in %1 ein Signal von Rauschen zu unterscheiden</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>%1: %2, %3.</source>
        <translation>%1: %2, %3.</translation>
    </message>
    <message>
        <source>Month instead of Week</source>
        <translation>Monat statt Woche</translation>
    </message>
    <message>
        <source>Team %1 instead of one rep</source>
        <translation>Team %1 statt eines Vertrieblers</translation>
    </message>
    <message>
        <source>Everyone instead of one rep</source>
        <translation>Alle statt eines Vertrieblers</translation>
    </message>
    <message>
        <source>Everyone instead of one team</source>
        <translation>Alle statt eines Teams</translation>
    </message>
    <message>
        <source>Every channel instead of one</source>
        <translation>Alle Kanäle statt eines</translation>
    </message>
    <message>
        <source>All time instead of this range</source>
        <translation>Gesamter Zeitraum statt dieses Ausschnitts</translation>
    </message>
    <message>
        <source>Shown as a P chart: Laney&apos;s P′ widens P-chart limits for large samples that vary more than chance; here σz = %1, no more variation than chance, and P′ would only narrow them.</source>
        <translation>Als P-Karte gezeigt: Laneys P′ weitet die Grenzen der P-Karte für große Stichproben, die stärker streuen als der Zufall; hier ist σz = %1, nicht mehr Streuung als der Zufall, und P′ würde sie nur verengen.</translation>
    </message>
    <message>
        <source>Shown as a P chart: Laney&apos;s σz would rest on %1 with data, and P′ needs at least %2.</source>
        <translation>Als P-Karte gezeigt: Laneys σz beruhte auf %1 mit Daten, und P′ braucht mindestens %2.</translation>
    </message>
    <message>
        <source>a run of %1 points on one side of the median meets the IHI shift rule (%2 or more) but not Anhøj&apos;s limit, which grows with the data (longer than %3 for %4 points)</source>
        <translation>ein Lauf von %1 Punkten auf einer Seite des Medians erfüllt die IHI-Verschiebungsregel (%2 oder mehr), aber nicht Anhøjs Grenze, die mit den Daten wächst (länger als %3 bei %4 Punkten)</translation>
    </message>
    <message>
        <source>the IHI trend rule (%1 or more points going one way) has no Anhøj counterpart: a trend rule adds false alarms and little sensitivity (Davis &amp; Woodall 1988), which is why Anhøj&apos;s rules leave it out</source>
        <translation>die IHI-Trendregel (%1 oder mehr Punkte in eine Richtung) hat bei Anhøj kein Gegenstück: eine Trendregel bringt Fehlalarme und wenig Empfindlichkeit (Davis &amp; Woodall 1988), deshalb lassen Anhøjs Regeln sie weg</translation>
    </message>
    <message>
        <source>an astronomical point (beyond 3 sigma of the moving ranges) is an IHI rule; Anhøj&apos;s runs analysis does not judge single points, a P chart&apos;s limits do</source>
        <translation>ein astronomischer Punkt (jenseits von 3 Sigma der gleitenden Spannweiten) ist eine IHI-Regel; Anhøjs Laufanalyse beurteilt keine einzelnen Punkte, die Grenzen einer P-Karte tun es</translation>
    </message>
    <message>
        <source>%1 runs is outside the IHI table&apos;s %2–%3, which also flags too many runs, while Anhøj&apos;s crossings (%4, at least %5) are within chance</source>
        <translation>%1 Läufe liegen außerhalb von %2–%3 der IHI-Tabelle, die auch zu viele Läufe meldet, während Anhøjs Kreuzungen (%4, mindestens %5) im Rahmen des Zufalls liegen</translation>
    </message>
    <message>
        <source>Anhøj&apos;s rules find too few crossings of the median (%1, at least %2 expected for %3 points), a shift spread over several runs, while the IHI runs count (%4) is within its table&apos;s %5–%6</source>
        <translation>Anhøjs Regeln finden zu wenige Kreuzungen des Medians (%1, mindestens %2 erwartet bei %3 Punkten), eine über mehrere Läufe verteilte Verschiebung, während die IHI-Laufzahl (%4) innerhalb von %5–%6 ihrer Tabelle liegt</translation>
    </message>
    <message>
        <source>%1 point</source>
        <translation>%1 Punkt</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 Punkte</translation>
    </message>
    <message>
        <source>the runs count</source>
        <translation>die Zahl der Läufe</translation>
    </message>
    <message>
        <source>The IHI rules flag %1 and Anhøj&apos;s rules nothing: %2.</source>
        <translation>Die IHI-Regeln melden %1 und Anhøjs Regeln nichts: %2.</translation>
    </message>
    <message>
        <source>Anhøj&apos;s rules signal and the IHI rules do not: %1.</source>
        <translation>Anhøjs Regeln melden ein Signal und die IHI-Regeln nicht: %1.</translation>
    </message>
</context>
<context>
    <name>ChartsView</name>
    <message>
        <source>The stage transition whose conversion is charted</source>
        <extracomment>Milliseconds the last conversion update took (compute + draw).</extracomment>
        <translation>Der Stufenübergang, dessen Konversion dargestellt wird</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>One point per week of entry into the stage</source>
        <translation>Ein Punkt je Woche des Eintritts in die Stufe</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>One point per month of entry into the stage</source>
        <translation>Ein Punkt je Monat des Eintritts in die Stufe</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Run chart: median and runs rules; no assumptions about the data</source>
        <translation>Verlaufsdiagramm: Median und Run-Regeln; keine Annahmen über die Daten</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>P chart: 3-sigma limits that widen when fewer opportunities entered</source>
        <translation>P-Karte: 3-Sigma-Grenzen, die breiter werden, wenn weniger Verkaufschancen eintraten</translation>
    </message>
    <message>
        <source>P′</source>
        <translation>P′</translation>
    </message>
    <message>
        <source>Laney P′ chart: P chart limits corrected for the extra variation of large samples</source>
        <translation>Laney-P′-Karte: P-Karten-Grenzen, korrigiert um die zusätzliche Streuung großer Stichproben</translation>
    </message>
    <message>
        <source>Anhøj</source>
        <translation>Anhøj</translation>
    </message>
    <message>
        <source>Anhøj rules: a run too long or too few crossings of the median</source>
        <translation>Anhøj-Regeln: ein zu langer Lauf oder zu wenige Kreuzungen des Medians</translation>
    </message>
    <message>
        <source>IHI</source>
        <translation>IHI</translation>
    </message>
    <message>
        <source>IHI rules: shift, trend, too few or too many runs, astronomical point</source>
        <translation>IHI-Regeln: Verschiebung, Trend, zu wenige oder zu viele Läufe, astronomischer Punkt</translation>
    </message>
    <message>
        <source>Which period of history the charts cover</source>
        <translation>Welchen Zeitraum die Diagramme abdecken</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>Last 26 weeks</source>
        <translation>Letzte 26 Wochen</translation>
    </message>
    <message>
        <source>Last 13 weeks</source>
        <translation>Letzte 13 Wochen</translation>
    </message>
    <message>
        <source>&amp;Transition:</source>
        <translation>&amp;Übergang:</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periode:</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>Diagramm:</translation>
    </message>
    <message>
        <source>Rules:</source>
        <translation>Regeln:</translation>
    </message>
    <message>
        <source>&amp;Conversion</source>
        <translation>&amp;Konversion</translation>
    </message>
    <message>
        <source>F&amp;unnel</source>
        <translation>T&amp;richter</translation>
    </message>
    <message>
        <source>Cumulative &amp;flow</source>
        <translation>Kumulativer &amp;Fluss</translation>
    </message>
    <message>
        <source>&amp;Open work by stage</source>
        <translation>&amp;Offene Arbeit je Stufe</translation>
    </message>
    <message>
        <source>Cumulative arrivals per stage: the band between two lines is the work in that stage</source>
        <translation>Kumulative Zugänge je Stufe: das Band zwischen zwei Linien ist die Arbeit in dieser Stufe</translation>
    </message>
    <message>
        <source>Open work per stage over time, with WIP limits</source>
        <translation>Offene Arbeit je Stufe im Zeitverlauf, mit WIP-Limits</translation>
    </message>
    <message>
        <source>Channel {0}</source>
        <translation>Kanal {0}</translation>
    </message>
    <message>
        <source>No channel recorded</source>
        <translation>Kein Kanal erfasst</translation>
    </message>
    <message>
        <source>P charts judge points by their 3-sigma limits and the Anhøj runs rules (shown); the IHI rules are for run charts</source>
        <translation>P-Karten beurteilen Punkte mit ihren 3-Sigma-Grenzen und den Anhøj-Laufregeln (angezeigt); die IHI-Regeln gelten für Laufdiagramme</translation>
    </message>
    <message>
        <source>Time in sta&amp;ge</source>
        <translation>&amp;Zeit in der Stufe</translation>
    </message>
    <message>
        <source>Whose opportunities: everyone, a team, one rep or one channel (lead source)</source>
        <translation>Wessen Verkaufschancen: alle, ein Team, ein Vertriebsmitarbeiter oder ein Kanal (Lead-Quelle)</translation>
    </message>
    <message>
        <source>Conversion of one transition over time, with PDSA cycles</source>
        <translation>Konversion eines Übergangs über die Zeit, mit PDSA-Zyklen</translation>
    </message>
    <message>
        <source>Opportunities per stage and the step conversion</source>
        <translation>Verkaufschancen je Stufe und die Konversion je Schritt</translation>
    </message>
    <message>
        <source>How long opportunities stay in each stage</source>
        <translation>Wie lange Verkaufschancen in jeder Stufe bleiben</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>&amp;Umfang:</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <source>Save the chart as a PNG image (Ctrl+Shift+E)</source>
        <translation>Das Diagramm als PNG-Bild speichern (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>SVG exportieren…</translation>
    </message>
    <message>
        <source>Save the chart as an SVG vector image</source>
        <translation>Das Diagramm als SVG-Vektorgrafik speichern</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the chart to the clipboard (Ctrl+Shift+C)</source>
        <translation>Das Diagramm in die Zwischenablage kopieren (Strg+Umschalt+C)</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} gespeichert</translation>
    </message>
    <message>
        <source>The charts could not be updated: {0}</source>
        <translation>Die Diagramme konnten nicht aktualisiert werden: {0}</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Wird aktualisiert…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Team {0}</source>
        <translation>Team {0}</translation>
    </message>
    <message>
        <source>This chart could not be computed: {0}</source>
        <translation>Dieses Diagramm konnte nicht berechnet werden: {0}</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Konversion</translation>
    </message>
    <message>
        <source>No transitions to chart yet — a workspace needs at least two stages (define them in Standards) and opportunities moving between them.</source>
        <translation>Noch keine Übergänge darzustellen – ein Arbeitsbereich braucht mindestens zwei Stufen (legen Sie sie unter „Standards“ fest) und Verkaufschancen, die zwischen ihnen wechseln.</translation>
    </message>
    <message>
        <source>Freeze the baseline</source>
        <translation>Basislinie festlegen</translation>
    </message>
    <message>
        <source>The centre line and limits will be fixed on the points up to the period of {0}, for everyone who opens this workspace.</source>
        <translation>Mittellinie und Grenzen werden auf den Punkten bis zur Periode vom {0} festgelegt, für alle, die diesen Arbeitsbereich öffnen.</translation>
    </message>
    <message>
        <source>e.g. a stable year before the new qualification checklist</source>
        <translation>z. B. ein stabiles Jahr vor der neuen Qualifizierungs-Checkliste</translation>
    </message>
    <message>
        <source>Start a new phase</source>
        <translation>Neue Phase beginnen</translation>
    </message>
    <message>
        <source>From the period of {0} on, this transition&apos;s charts get their own centre line and limits, for everyone who opens this workspace.</source>
        <translation>Ab der Periode vom {0} erhalten die Diagramme dieses Übergangs eine eigene Mittellinie und eigene Grenzen, für alle, die diesen Arbeitsbereich öffnen.</translation>
    </message>
    <message>
        <source>Start the new phase</source>
        <translation>Die neue Phase beginnen</translation>
    </message>
    <message>
        <source>e.g. the pricing page changed on this date</source>
        <translation>z. B. die Preisseite wurde an diesem Tag geändert</translation>
    </message>
    <message>
        <source>Nothing to export: this chart has no data.</source>
        <translation>Nichts zu exportieren: Dieses Diagramm hat keine Daten.</translation>
    </message>
    <message>
        <source>Chart copied to the clipboard.</source>
        <translation>Diagramm in die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>revision %1 is not the current %2</source>
        <translation>Revision %1 ist nicht die aktuelle %2</translation>
    </message>
    <message>
        <source>expected exactly one settings row, found %1</source>
        <translation>genau eine Einstellungszeile erwartet, %1 gefunden</translation>
    </message>
    <message>
        <source>There is no workspace at %1 (no such file); nothing was created.</source>
        <translation>Unter %1 gibt es keinen Arbeitsbereich (keine solche Datei); nichts wurde angelegt.</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk workspace: the file is empty (0 bytes). It was left as it is.</source>
        <translation>%1 ist kein pdsa-desk-Arbeitsbereich: Die Datei ist leer (0 Byte). Sie wurde gelassen, wie sie ist.</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk workspace: it is an empty SQLite database. It was left as it is.</source>
        <translation>%1 ist kein pdsa-desk-Arbeitsbereich: Es ist eine leere SQLite-Datenbank. Sie wurde gelassen, wie sie ist.</translation>
    </message>
    <message>
        <source>the table is missing</source>
        <translation>die Tabelle fehlt</translation>
    </message>
    <message>
        <source>column missing: %1</source>
        <translation>fehlende Spalte: %1</translation>
    </message>
    <message>
        <source>columns missing: %1</source>
        <translation>fehlende Spalten: %1</translation>
    </message>
    <message>
        <source>index missing: %1</source>
        <translation>fehlender Index: %1</translation>
    </message>
    <message>
        <source>indexes missing: %1</source>
        <translation>fehlende Indizes: %1</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>und %1 weitere</translation>
    </message>
    <message>
        <source>the file is damaged: %1. %2</source>
        <translation>die Datei ist beschädigt: %1. %2</translation>
    </message>
    <message>
        <source>the workspace has no schema revision: it is not a complete pdsa-desk workspace. %1</source>
        <translation>der Arbeitsbereich hat keine Schema-Revision: Er ist kein vollständiger pdsa-desk-Arbeitsbereich. %1</translation>
    </message>
    <message>
        <source>the workspace could not be checked: %1</source>
        <translation>der Arbeitsbereich konnte nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>%1: the workspace is incomplete. %2</source>
        <translation>%1: Der Arbeitsbereich ist unvollständig. %2</translation>
    </message>
    <message>
        <source>row %1 has a foreign key to missing %2</source>
        <translation>Zeile %1 hat einen Fremdschlüssel auf fehlende(s) %2</translation>
    </message>
    <message>
        <source>it could not be opened for the check: %1</source>
        <translation>sie konnte für die Prüfung nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check before importing</source>
        <translation>Vor dem Import prüfen</translation>
    </message>
    <message>
        <source>Every row is read and checked; nothing is written yet.</source>
        <translation>Jede Zeile wird gelesen und geprüft; noch wird nichts geschrieben.</translation>
    </message>
    <message>
        <source>Cancel &amp;check</source>
        <translation>Prüfung &amp;abbrechen</translation>
    </message>
    <message>
        <source>Stop checking (nothing is written either way)</source>
        <translation>Prüfung beenden (so oder so wird nichts geschrieben)</translation>
    </message>
    <message>
        <source>Read these dates &amp;as:</source>
        <translation>Diese Daten lesen &amp;als:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source>Day first — 03/04/2026 is 3 April</source>
        <translation>Tag zuerst – 03/04/2026 ist der 3. April</translation>
    </message>
    <message>
        <source>Month first — 03/04/2026 is March 4</source>
        <translation>Monat zuerst – 03/04/2026 ist der 4. März</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Co&amp;py all</source>
        <translation>Alle &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy every problem line to the clipboard</source>
        <translation>Alle Problemzeilen in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <source>&amp;Skip invalid rows (write them to {0}.rejected.csv)</source>
        <translation>Ungültige Zeilen ü&amp;berspringen (sie nach {0}.rejected.csv schreiben)</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>Prüfe {0}…</translation>
    </message>
    <message>
        <source>The check stopped unexpectedly; nothing was written.</source>
        <translation>Die Prüfung wurde unerwartet abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>With &apos;Skip invalid rows&apos; ticked:</source>
        <translation>Mit „Ungültige Zeilen überspringen“ angekreuzt:</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Hinweis: {0}</translation>
    </message>
    <message>
        <source>Some rows have problems.</source>
        <translation>Einige Zeilen haben Probleme.</translation>
    </message>
    <message>
        <source>Ready to import — nothing has been written yet.</source>
        <translation>Bereit zum Import – bisher wurde nichts geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) have problems — nothing is imported unless you skip them (first {0} problems listed):</source>
        <translation>
            <numerusform>%Ln Zeile hat Probleme – nichts wird importiert, solange Sie sie nicht überspringen (die ersten {0} Probleme sind aufgeführt):</numerusform>
            <numerusform>%Ln Zeilen haben Probleme – nichts wird importiert, solange Sie sie nicht überspringen (die ersten {0} Probleme sind aufgeführt):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s):</source>
        <translation>
            <numerusform>%Ln Problem:</numerusform>
            <numerusform>%Ln Probleme:</numerusform>
        </translation>
    </message>
    <message>
        <source>The check was cancelled; nothing was written.</source>
        <translation>Die Prüfung wurde abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>Choose the date order.</source>
        <translation>Wählen Sie die Datumsreihenfolge.</translation>
    </message>
    <message>
        <source>Some dates could be read either way (day first or month first). Choose how to read them; the check then runs again.</source>
        <translation>Einige Daten lassen sich auf beide Arten lesen (Tag zuerst oder Monat zuerst). Wählen Sie, wie sie gelesen werden; danach läuft die Prüfung erneut.</translation>
    </message>
    <message>
        <source>Dates that could be read either way:</source>
        <translation>Daten, die sich auf beide Arten lesen lassen:</translation>
    </message>
    <message>
        <source>The file cannot be imported as it is.</source>
        <translation>Die Datei kann so nicht importiert werden.</translation>
    </message>
    <message>
        <source>Nothing was written. These problems stop the import even when skipping invalid rows:</source>
        <translation>Nichts wurde geschrieben. Diese Probleme verhindern den Import auch beim Überspringen ungültiger Zeilen:</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <source>Choose how to read the dates first.</source>
        <translation>Wählen Sie zuerst, wie die Daten gelesen werden.</translation>
    </message>
    <message>
        <source>The check was cancelled: check again to import.</source>
        <translation>Die Prüfung wurde abgebrochen: Prüfen Sie erneut, um zu importieren.</translation>
    </message>
    <message>
        <source>Some rows have problems: fix the file, or tick &apos;Skip invalid rows&apos;.</source>
        <translation>Einige Zeilen haben Probleme: Korrigieren Sie die Datei oder kreuzen Sie „Ungültige Zeilen überspringen“ an.</translation>
    </message>
    <message>
        <source>The file has no rows to import.</source>
        <translation>Die Datei hat keine Zeilen zum Importieren.</translation>
    </message>
    <message>
        <source>Import the valid rows; the others go, with what is wrong, to a CSV file beside the export</source>
        <translation>Die gültigen Zeilen importieren; die anderen kommen mit ihrem Fehler in eine CSV-Datei neben dem Export</translation>
    </message>
    <message>
        <source>Available once the file has been checked row by row</source>
        <translation>Verfügbar, sobald die Datei Zeile für Zeile geprüft ist</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Opportunity id</source>
        <extracomment>(field, label, required for long, required for wide); shown in two columns.</extracomment>
        <translation>ID der Verkaufschance</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Stage change time</source>
        <translation>Zeitpunkt des Stufenwechsels</translation>
    </message>
    <message>
        <source>Opportunity name</source>
        <translation>Name der Verkaufschance</translation>
    </message>
    <message>
        <source>Created date</source>
        <translation>Erstellungsdatum</translation>
    </message>
    <message>
        <source>Close date</source>
        <translation>Abschlussdatum</translation>
    </message>
    <message>
        <source>Outcome (open/won/lost)</source>
        <translation>Ergebnis (offen/gewonnen/verloren)</translation>
    </message>
    <message>
        <source>Owner / rep</source>
        <translation>Verantwortlich / Vertriebler</translation>
    </message>
    <message>
        <source>Rep e-mail</source>
        <translation>E-Mail des Vertrieblers</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>Channel / lead source</source>
        <translation>Kanal / Lead-Quelle</translation>
    </message>
    <message>
        <source>source</source>
        <extracomment>Mapping fields the form does not show; a preset may still set them (kept, and listed).</extracomment>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>stage position</source>
        <translation>Stufenposition</translation>
    </message>
    <message>
        <source>evidence confirmed</source>
        <translation>Nachweis bestätigt</translation>
    </message>
    <message>
        <source>evidence items</source>
        <translation>Nachweispunkte</translation>
    </message>
    <message>
        <source>last modified date</source>
        <translation>letzte Änderung</translation>
    </message>
    <message>
        <source>Match the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Say which column of the file holds what. The guess from the column names is filled in; * marks what an import needs.</source>
        <translation>Geben Sie an, welche Spalte der Datei was enthält. Die Vermutung aus den Spaltennamen ist eingetragen; * markiert, was ein Import braucht.</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>Load a saved mapping (the built-in &apos;pdsa-desk&apos; reads pdsa-desk&apos;s own events file)</source>
        <translation>Eine gespeicherte Zuordnung laden (die eingebaute „pdsa-desk“ liest die eigene Ereignisdatei von pdsa-desk)</translation>
    </message>
    <message>
        <source>Save as p&amp;reset…</source>
        <translation>Als Vo&amp;rlage speichern…</translation>
    </message>
    <message>
        <source>Remember this mapping under a name, for the next export</source>
        <translation>Diese Zuordnung unter einem Namen merken, für den nächsten Export</translation>
    </message>
    <message>
        <source>&amp;Delete preset</source>
        <translation>Vorlage &amp;löschen</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <source>&amp;Long — one row per stage change</source>
        <translation>&amp;Lang – eine Zeile je Stufenwechsel</translation>
    </message>
    <message>
        <source>A stage history report: opportunity, stage, when it was entered</source>
        <translation>Ein Stufenverlaufsbericht: Verkaufschance, Stufe, Eintrittszeitpunkt</translation>
    </message>
    <message>
        <source>&amp;Wide — one row per opportunity, a date column per stage</source>
        <translation>&amp;Breit – eine Zeile je Verkaufschance, eine Datumsspalte je Stufe</translation>
    </message>
    <message>
        <source>A deal export with &apos;Date entered &lt;stage&gt;&apos; columns (HubSpot)</source>
        <translation>Ein Deal-Export mit Spalten „Date entered &lt;Stufe&gt;“ (HubSpot)</translation>
    </message>
    <message>
        <source>&amp;Source name:</source>
        <translation>&amp;Quellname:</translation>
    </message>
    <message>
        <source>Opportunities are matched by source and id: use the same name (e.g. the CRM&apos;s) for every export from the same CRM</source>
        <translation>Verkaufschancen werden über Quelle und ID zugeordnet: Verwenden Sie für jeden Export aus demselben CRM denselben Namen (z. B. den des CRM)</translation>
    </message>
    <message>
        <source>Date &amp;order:</source>
        <translation>Datums&amp;reihenfolge:</translation>
    </message>
    <message>
        <source>Auto — refuse dates that could be read either way</source>
        <translation>Automatisch – mehrdeutige Daten ablehnen</translation>
    </message>
    <message>
        <source>Day first — 31/12/2026</source>
        <translation>Tag zuerst – 31/12/2026</translation>
    </message>
    <message>
        <source>Month first — 12/31/2026</source>
        <translation>Monat zuerst – 12/31/2026</translation>
    </message>
    <message>
        <source>How to read dates like 03/04/2026. ISO dates (2026-04-03) never depend on it.</source>
        <translation>Wie Daten wie 03/04/2026 gelesen werden. ISO-Daten (2026-04-03) hängen nie davon ab.</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>The time zone of the times in the file (CRM exports write the exporting user&apos;s local time). A time with an offset keeps it.</source>
        <translation>Die Zeitzone der Zeiten in der Datei (CRM-Exporte schreiben die Ortszeit der exportierenden Person). Eine Zeit mit Versatz behält ihn.</translation>
    </message>
    <message>
        <source>Amo&amp;unts:</source>
        <translation>&amp;Beträge:</translation>
    </message>
    <message>
        <source>Auto — decided from all of the file&apos;s amounts</source>
        <translation>Automatisch — aus allen Beträgen der Datei bestimmt</translation>
    </message>
    <message>
        <source>1,234.50 — decimal point</source>
        <translation>1,234.50 — Dezimalpunkt</translation>
    </message>
    <message>
        <source>1.234,50 — decimal comma</source>
        <translation>1.234,50 — Dezimalkomma</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Tick each column that holds the date an opportunity entered a stage, and name the stage (as the CRM calls it).</source>
        <translation>Kreuzen Sie jede Spalte an, die das Datum enthält, an dem eine Verkaufschance in eine Stufe eintrat, und benennen Sie die Stufe (wie das CRM sie nennt).</translation>
    </message>
    <message>
        <source>Column of the file</source>
        <translation>Spalte der Datei</translation>
    </message>
    <message>
        <source>CRM stage name</source>
        <translation>Stufenname im CRM</translation>
    </message>
    <message>
        <source>Stage date columns</source>
        <translation>Stufendatumsspalten</translation>
    </message>
    <message>
        <source>— not in this file —</source>
        <translation>– nicht in dieser Datei –</translation>
    </message>
    <message>
        <source>These columns are not in this file: {0}. Choose others.</source>
        <translation>Diese Spalten gibt es in dieser Datei nicht: {0}. Wählen Sie andere.</translation>
    </message>
    <message>
        <source>Stage date columns *</source>
        <translation>Stufendatumsspalten *</translation>
    </message>
    <message>
        <source>Only for wide files (one row per opportunity)</source>
        <translation>Nur für breite Dateien (eine Zeile je Verkaufschance)</translation>
    </message>
    <message>
        <source>A wide file has one date per stage: it cannot show an opportunity entering a stage again (a re-entry) or the order of stages entered on the same day. A stage history report (long) can.</source>
        <translation>Eine breite Datei hat ein Datum je Stufe: Sie kann weder zeigen, dass eine Verkaufschance eine Stufe erneut betritt, noch die Reihenfolge von Stufen am selben Tag. Ein Stufenverlaufsbericht (lang) kann das.</translation>
    </message>
    <message>
        <source>date entered &apos;{0}&apos;</source>
        <translation>Eintrittsdatum „{0}“</translation>
    </message>
    <message>
        <source>Also read, as the preset says: {0}.</source>
        <translation>Laut Vorlage ebenfalls gelesen: {0}.</translation>
    </message>
    <message>
        <source>The source is read from the column &apos;{0}&apos;</source>
        <translation>Die Quelle wird aus der Spalte „{0}“ gelesen</translation>
    </message>
    <message>
        <source>Everything an import needs is matched.</source>
        <translation>Alles, was ein Import braucht, ist zugeordnet.</translation>
    </message>
    <message>
        <source>Row {0}, column {1}: {2}. Choose Day first or Month first — dates are never guessed.</source>
        <translation>Zeile {0}, Spalte {1}: {2}. Wählen Sie „Tag zuerst“ oder „Monat zuerst“ – Daten werden nie geraten.</translation>
    </message>
    <message>
        <source>Auto reads ISO dates (2026-04-03), month names and dates that can only be one way (13/04/2026). If a later row has a date like 03/04/2026, the check asks you to choose.</source>
        <translation>Automatisch liest ISO-Daten (2026-04-03), Monatsnamen und eindeutige Daten (13/04/2026). Hat eine spätere Zeile ein Datum wie 03/04/2026, fragt die Prüfung nach.</translation>
    </message>
    <message>
        <source>03/04/2026 will be read as 3 April 2026.</source>
        <translation>03/04/2026 wird als 3. April 2026 gelesen.</translation>
    </message>
    <message>
        <source>03/04/2026 will be read as March 4, 2026.</source>
        <translation>03/04/2026 wird als 4. März 2026 gelesen.</translation>
    </message>
    <message>
        <source>day first</source>
        <translation>Tag zuerst</translation>
    </message>
    <message>
        <source>month first</source>
        <translation>Monat zuerst</translation>
    </message>
    <message>
        <source>Row {0} has &apos;{2}&apos; in {1}, which can only be {3}.</source>
        <translation>Zeile {0} enthält „{2}“ in {1}, das nur {3} sein kann.</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>Wählen Sie zuerst eine Datei.</translation>
    </message>
    <message>
        <source>stage date columns</source>
        <translation>Stufendatumsspalten</translation>
    </message>
    <message>
        <source>Still needed: {0} (tick them under &apos;Stage date columns&apos;).</source>
        <translation>Noch nötig: {0} (kreuzen Sie sie unter „Stufendatumsspalten“ an).</translation>
    </message>
    <message>
        <source>Still needed: {0}.</source>
        <translation>Noch nötig: {0}.</translation>
    </message>
    <message>
        <source>Choose the date order: the file has dates that could be read either way.</source>
        <translation>Wählen Sie die Datumsreihenfolge: Die Datei hat mehrdeutige Daten.</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>– keine –</translation>
    </message>
    <message>
        <source>Delete the preset &apos;{0}&apos;</source>
        <translation>Die Vorlage „{0}“ löschen</translation>
    </message>
    <message>
        <source>The built-in preset cannot be deleted</source>
        <translation>Die eingebaute Vorlage kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Choose a saved preset to delete it</source>
        <translation>Wählen Sie eine gespeicherte Vorlage, um sie zu löschen</translation>
    </message>
    <message>
        <source>Choose a file first</source>
        <translation>Wählen Sie zuerst eine Datei</translation>
    </message>
    <message>
        <source>Save as preset</source>
        <translation>Als Vorlage speichern</translation>
    </message>
    <message>
        <source>Name of the preset (e.g. the CRM&apos;s name):</source>
        <translation>Name der Vorlage (z. B. der Name des CRM):</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>Vorlage löschen</translation>
    </message>
    <message>
        <source>Delete the preset &apos;{0}&apos;?</source>
        <translation>Die Vorlage „{0}“ löschen?</translation>
    </message>
</context>
<context>
    <name>ComparePlots</name>
    <message>
        <source>Rate and 95% interval by rep</source>
        <translation>Rate und 95-%-Intervall je Vertriebler</translation>
    </message>
    <message>
        <source>Rate against volume (funnel)</source>
        <translation>Rate gegen Volumen (Trichter)</translation>
    </message>
    <message>
        <source>Opportunities entered</source>
        <translation>Eingetretene Verkaufschancen</translation>
    </message>
    <message>
        <source>&amp;List by:</source>
        <translation>&amp;Sortieren nach:</translation>
    </message>
    <message>
        <source>(no rep)</source>
        <translation>(kein Vertriebler)</translation>
    </message>
    <message>
        <source>Rate and 95% interval by channel</source>
        <translation>Rate und 95-%-Intervall nach Kanal</translation>
    </message>
    <message>
        <source>{0}: rate and 95% interval by channel
{1}</source>
        <translation>{0}: Rate und 95-%-Intervall nach Kanal
{1}</translation>
    </message>
    <message>
        <source>{0}: rate and 95% interval by rep
{1}</source>
        <translation>{0}: Rate und 95-%-Intervall je Vertriebler
{1}</translation>
    </message>
    <message>
        <source>{0}: rate against volume
{1}</source>
        <translation>{0}: Rate gegen Volumen
{1}</translation>
    </message>
    <message>
        <source>Opportunities that entered “{0}”</source>
        <translation>Verkaufschancen, die in „{0}“ eintraten</translation>
    </message>
    <message>
        <source>Entered “{0}”</source>
        <translation>Eingetreten in „{0}“</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>&lt;h2&gt;Compare&lt;/h2&gt;</source>
        <extracomment>Emitted after a rep comparison has been computed and shown (also for the empty state). Emitted after the team-wide cycle section has been updated. The day the analysis is &quot;as of&quot; (None = today). Tests pin it to the demo&apos;s date.</extracomment>
        <translation>&lt;h2&gt;Vergleich&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Reps side by side. Each rate comes with its interval and the range chance alone produces, so that luck is not mistaken for skill. Reps are listed by name, never ranked.</source>
        <translation>Vertriebler nebeneinander. Jede Rate steht mit ihrem Intervall und dem Bereich, den der Zufall allein erzeugt, damit Glück nicht für Können gehalten wird. Vertriebler werden nach Namen aufgeführt, nie in eine Rangfolge gebracht.</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Team-wide cycle</source>
        <translation>Teamweiter Zyklus</translation>
    </message>
    <message>
        <source>Each rep&apos;s numbers for the chosen transition and period</source>
        <translation>Die Zahlen jedes Vertrieblers für den gewählten Übergang und Zeitraum</translation>
    </message>
    <message>
        <source>How many of a cycle&apos;s reps improved — so a team total cannot hide that most of them did not</source>
        <translation>Wie viele Vertriebler eines Zyklus sich verbessert haben – damit eine Teamsumme nicht verbirgt, dass die meisten es nicht taten</translation>
    </message>
    <message>
        <source>Compare the reps of one team, or everyone</source>
        <translation>Die Vertriebler eines Teams vergleichen, oder alle</translation>
    </message>
    <message>
        <source>Cycles that more than one rep took part in</source>
        <translation>Zyklen, an denen mehr als ein Vertriebler teilnahm</translation>
    </message>
    <message>
        <source>Choose “Custom range” under Period to set your own dates</source>
        <translation>Wählen Sie unter „Zeitraum“ „Eigener Zeitraum“, um eigene Daten festzulegen</translation>
    </message>
    <message>
        <source>First and last day (inclusive) of the period</source>
        <translation>Erster und letzter Tag (einschließlich) des Zeitraums</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Alle Teams</translation>
    </message>
    <message>
        <source>No teams yet: every rep is compared</source>
        <translation>Noch keine Teams: Alle Vertriebler werden verglichen</translation>
    </message>
    <message>
        <source>{0} (whole team of {1}, {2})</source>
        <translation>{0} (ganzes Team {1}, {2})</translation>
    </message>
    <message>
        <source>{0} ({1} reps, {2})</source>
        <translation>{0} ({1} Vertriebler, {2})</translation>
    </message>
    <message>
        <source>No cycle has more than one rep yet</source>
        <translation>Noch kein Zyklus hat mehr als einen Vertriebler</translation>
    </message>
    <message>
        <source>No stage has a next stage yet — add at least two stages in Standards to compare reps.</source>
        <translation>Noch keine Stufe hat eine Folgestufe – legen Sie unter „Standards“ mindestens zwei Stufen an, um Vertriebler zu vergleichen.</translation>
    </message>
    <message>
        <source>The first day is after the last day.</source>
        <translation>Der erste Tag liegt nach dem letzten Tag.</translation>
    </message>
    <message>
        <source>Choose a first day on or before the last day of the period.</source>
        <translation>Wählen Sie einen ersten Tag am oder vor dem letzten Tag des Zeitraums.</translation>
    </message>
    <message>
        <source>No opportunities in this workspace yet — import them with “Import from CRM export” on the Data page, or add them on the Board.</source>
        <translation>Noch keine Verkaufschancen in diesem Arbeitsbereich – importieren Sie sie mit „Aus CRM-Export importieren“ auf der Seite Daten oder legen Sie sie im Board an.</translation>
    </message>
    <message>
        <source> (team {0})</source>
        <translation> (Team {0})</translation>
    </message>
    <message>
        <source>{0}{1} — choose a longer period or another team.</source>
        <translation>{0}{1} – wählen Sie einen längeren Zeitraum oder ein anderes Team.</translation>
    </message>
    <message>
        <source>The comparison could not be computed.</source>
        <translation>Der Vergleich konnte nicht berechnet werden.</translation>
    </message>
    <message>
        <source>all teams</source>
        <translation>alle Teams</translation>
    </message>
    <message>
        <source>&lt;b&gt;{transition}&lt;/b&gt; for opportunities entering {first} – {last}, {team}: {k} channels, overall rate &lt;b&gt;{rate}&lt;/b&gt; ({x} of {n}).</source>
        <translation>&lt;b&gt;{transition}&lt;/b&gt; für Verkaufschancen mit Eintritt {first} – {last}, {team}: {k} Kanäle, Gesamtrate &lt;b&gt;{rate}&lt;/b&gt; ({x} von {n}).</translation>
    </message>
    <message>
        <source>&lt;b&gt;{transition}&lt;/b&gt; for opportunities entering {first} – {last}, {team}: {k} reps, team rate &lt;b&gt;{rate}&lt;/b&gt; ({x} of {n}).</source>
        <translation>&lt;b&gt;{transition}&lt;/b&gt; für Verkaufschancen mit Eintritt {first} – {last}, {team}: {k} Vertriebler, Teamrate &lt;b&gt;{rate}&lt;/b&gt; ({x} von {n}).</translation>
    </message>
    <message>
        <source>Channels are listed by name: the funnel&apos;s limits show which differences are larger than chance. A channel&apos;s rate also reflects who works it and when: compare, do not rank.</source>
        <translation>Kanäle stehen nach Namen: Die Grenzen des Trichters zeigen, welche Unterschiede größer als der Zufall sind. Die Rate eines Kanals spiegelt auch, wer ihn bearbeitet und wann: vergleichen, nicht ranken.</translation>
    </message>
    <message>
        <source>No team-wide cycles yet — a cycle that more than one rep takes part in appears here.</source>
        <translation>Noch keine teamweiten Zyklen – ein Zyklus, an dem mehr als ein Vertriebler teilnimmt, erscheint hier.</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Vergleiche…</translation>
    </message>
    <message>
        <source>This cycle could not be compared.</source>
        <translation>Dieser Zyklus konnte nicht verglichen werden.</translation>
    </message>
</context>
<context>
    <name>Confounders</name>
    <message>
        <source>Caution: marketing initiative {0} overlapped this test and could explain the change.</source>
        <translation>Vorsicht: Die Marketing-Initiative {0} überschnitt diesen Test und könnte die Veränderung erklären.</translation>
    </message>
    <message>
        <source>Caution: marketing initiatives {0} overlapped this test and could explain the change.</source>
        <translation>Vorsicht: Die Marketing-Initiativen {0} überschnitten diesen Test und könnten die Veränderung erklären.</translation>
    </message>
    <message>
        <source>channel {0}</source>
        <translation>Kanal {0}</translation>
    </message>
    <message>
        <source>every channel</source>
        <translation>alle Kanäle</translation>
    </message>
    <message>
        <source>stage {0}</source>
        <translation>Stufe {0}</translation>
    </message>
    <message>
        <source>the whole funnel</source>
        <translation>der ganze Trichter</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} bis {1}</translation>
    </message>
    <message>
        <source>the cycle&apos;s window</source>
        <translation>das Zeitfenster des Zyklus</translation>
    </message>
    <message>
        <source>the baseline window</source>
        <translation>das Zeitfenster der Basislinie</translation>
    </message>
    <message>
        <source>both the cycle&apos;s and the baseline window</source>
        <translation>das Zeitfenster des Zyklus und das der Basislinie</translation>
    </message>
    <message>
        <source> — ask {0}</source>
        <translation> – {0} fragen</translation>
    </message>
    <message>
        <source>“{0}” ({1}, {2}; {3}) overlaps {4}{5}.</source>
        <translation>„{0}“ ({1}, {2}; {3}) überschneidet {4}{5}.</translation>
    </message>
    <message>
        <source>A campaign aimed at the same customers can move the rate as much as the tactic. Before deciding, ask marketing what reached these customers and say in the interpretation how you ruled it out.</source>
        <translation>Eine Kampagne, die dieselben Kunden anspricht, kann die Rate ebenso bewegen wie die Taktik. Fragen Sie vor der Entscheidung das Marketing, was diese Kunden erreicht hat, und halten Sie in der Interpretation fest, wie Sie das ausgeschlossen haben.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to team database</source>
        <translation>Mit Team-Datenbank verbinden</translation>
    </message>
    <message>
        <source>Remember password in the system keyring</source>
        <translation>Passwort im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>You will be asked for it each session.</source>
        <translation>Sie werden in jeder Sitzung danach gefragt.</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Testing the connection to {0}…</source>
        <translation>Teste die Verbindung zu {0}…</translation>
    </message>
    <message>
        <source>Connecting to {0}…</source>
        <translation>Verbinde mit {0}…</translation>
    </message>
</context>
<context>
    <name>ControlsBar</name>
    <message>
        <source>Reps</source>
        <extracomment>Preset periods: (settings key, weeks).</extracomment>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>Compare reps, or the lead sources (channels) customers came through — side by side, never ranked</source>
        <translation>Vertriebler vergleichen oder die Lead-Quellen (Kanäle), über die Kunden kamen – nebeneinander, nie als Rangliste</translation>
    </message>
    <message>
        <source>&amp;Compare:</source>
        <translation>&amp;Vergleichen:</translation>
    </message>
    <message>
        <source>The step of the pipeline to compare reps on</source>
        <translation>Der Schritt der Pipeline, an dem Vertriebler verglichen werden</translation>
    </message>
    <message>
        <source>&amp;Transition:</source>
        <translation>&amp;Übergang:</translation>
    </message>
    <message>
        <source>Last {0} weeks</source>
        <translation>Letzte {0} Wochen</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <source>Opportunities that first entered the stage in this period are compared</source>
        <translation>Verglichen werden Verkaufschancen, die in diesem Zeitraum erstmals in die Stufe eintraten</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To (inclusive)</source>
        <translation>Bis (einschließlich)</translation>
    </message>
    <message>
        <source>Compare the reps of one team, or everyone</source>
        <translation>Die Vertriebler eines Teams vergleichen, oder alle</translation>
    </message>
    <message>
        <source>T&amp;eam:</source>
        <translation>T&amp;eam:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Team, then name</source>
        <translation>Team, dann Name</translation>
    </message>
    <message>
        <source>Reps are listed by name (or grouped by team) — never by rate</source>
        <translation>Vertriebler werden nach Namen aufgeführt (oder nach Team gruppiert) – nie nach Rate</translation>
    </message>
    <message>
        <source>Adjust for over-&amp;dispersion</source>
        <translation>Über&amp;dispersion berücksichtigen</translation>
    </message>
    <message>
        <source>&lt;p&gt;Reps always differ a little by luck. Sometimes they differ more than luck explains — different territories, customers or deal sizes — and then the ordinary limits flag too many reps.&lt;/p&gt;&lt;p&gt;Ticking this widens the limits by the extra spread seen between reps (Spiegelhalter&apos;s method), so only reps who stand out even from that wider spread are flagged.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Vertriebler unterscheiden sich immer ein wenig durch Glück. Manchmal unterscheiden sie sich stärker, als Glück erklärt – andere Gebiete, Kunden oder Auftragsgrößen –, und dann markieren die gewöhnlichen Grenzen zu viele Vertriebler.&lt;/p&gt;&lt;p&gt;Wenn Sie dies ankreuzen, werden die Grenzen um die zusätzliche Streuung zwischen den Vertrieblern erweitert (Spiegelhalters Methode), sodass nur markiert wird, wer auch aus dieser breiteren Streuung herausragt.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ConversionChart</name>
    <message>
        <source>Conversion</source>
        <extracomment>A choice the small-sample guard offers (kind, value): (&quot;period&quot;, &quot;month&quot;), (&quot;scope&quot;, &quot;team:&lt;id&gt;&quot;|&quot;all&quot;), (&quot;range&quot;, &quot;all&quot;); drawn as links under the guard&apos;s sentence.</extracomment>
        <translation>Konversion</translation>
    </message>
    <message>
        <source>&amp;Freeze baseline here</source>
        <translation>Basislinie hier &amp;einfrieren</translation>
    </message>
    <message>
        <source>Start &amp;new phase here</source>
        <translation>Hier &amp;neue Phase beginnen</translation>
    </message>
    <message>
        <source>C&amp;lear baseline and phases</source>
        <translation>Basislinie und Phasen &amp;löschen</translation>
    </message>
    <message>
        <source>Choose a transition to chart its conversion.</source>
        <translation>Wählen Sie einen Übergang, um seine Konversion darzustellen.</translation>
    </message>
    <message>
        <source>IHI rules</source>
        <translation>IHI-Regeln</translation>
    </message>
    <message>
        <source>Anhøj rules</source>
        <translation>Anhøj-Regeln</translation>
    </message>
    <message>
        <source>Phase {0}: </source>
        <translation>Phase {0}: </translation>
    </message>
    <message>
        <source>median {0}</source>
        <translation>Median {0}</translation>
    </message>
    <message>
        <source>Weekly run chart</source>
        <translation>Wöchentliches Verlaufsdiagramm</translation>
    </message>
    <message>
        <source>Weekly P chart</source>
        <translation>Wöchentliche P-Karte</translation>
    </message>
    <message>
        <source>Weekly P′ chart (Laney)</source>
        <translation>Wöchentliche P′-Karte (Laney)</translation>
    </message>
    <message>
        <source>Weekly P chart (P′ not applicable)</source>
        <translation>Wöchentliche P-Karte (P′ nicht anwendbar)</translation>
    </message>
    <message>
        <source>Monthly run chart</source>
        <translation>Monatliches Verlaufsdiagramm</translation>
    </message>
    <message>
        <source>Monthly P chart</source>
        <translation>Monatliche P-Karte</translation>
    </message>
    <message>
        <source>Monthly P′ chart (Laney)</source>
        <translation>Monatliche P′-Karte (Laney)</translation>
    </message>
    <message>
        <source>Monthly P chart (P′ not applicable)</source>
        <translation>Monatliche P-Karte (P′ nicht anwendbar)</translation>
    </message>
    <message>
        <source>centre {0}</source>
        <translation>Mittellinie {0}</translation>
    </message>
    <message>
        <source>{0} runs (expected {1}–{2})</source>
        <translation>{0} Läufe (erwartet {1}–{2})</translation>
    </message>
    <message>
        <source>longest run {0} (limit {1}), {2} crossings (min {3})</source>
        <translation>längster Lauf {0} (Grenze {1}), {2} Kreuzungen (min. {3})</translation>
    </message>
    <message>
        <source> — non-random variation</source>
        <translation> – nicht zufällige Streuung</translation>
    </message>
    <message>
        <source>, fixed on its first {0} points</source>
        <translation>, festgelegt auf ihren ersten {0} Punkten</translation>
    </message>
    <message>
        <source>No opportunities have entered &apos;{0}&apos; in this scope yet, so there is no conversion to chart. Import them with “Import from CRM export” on the Data page, or add them on the Board.</source>
        <translation>In diesem Bereich sind noch keine Verkaufschancen in „{0}“ eingetreten, daher gibt es keine Konversion zum Darstellen. Importieren Sie sie mit „Aus CRM-Export importieren“ auf der Seite Daten oder legen Sie sie im Board an.</translation>
    </message>
    <message>
        <source>runs rules not applied</source>
        <translation>Laufregeln nicht angewendet</translation>
    </message>
    <message>
        <source>no signalling points</source>
        <translation>keine signalisierenden Punkte</translation>
    </message>
    <message numerus="yes">
        <source>%n signalling point(s)</source>
        <translation>
            <numerusform>%n signalisierender Punkt</numerusform>
            <numerusform>%n signalisierende Punkte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> Last %n period(s) hollow: their {0}-day window is still open.</source>
        <translation>
            <numerusform> Letzte Periode hohl: ihr {0}-Tage-Fenster ist noch offen.</numerusform>
            <numerusform> Letzte %n Perioden hohl: ihr {0}-Tage-Fenster ist noch offen.</numerusform>
        </translation>
    </message>
    <message>
        <source>More data: {0}</source>
        <translation>Mehr Daten: {0}</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>Immature (window open)</source>
        <translation>Unreif (Fenster offen)</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>Centre line</source>
        <translation>Mittellinie</translation>
    </message>
    <message>
        <source>Centre line, runs signal</source>
        <translation>Mittellinie, Run-Signal</translation>
    </message>
    <message>
        <source>3-sigma limits</source>
        <translation>3-Sigma-Grenzen</translation>
    </message>
    <message>
        <source>PDSA cycle</source>
        <translation>PDSA-Zyklus</translation>
    </message>
    <message>
        <source>Standard revised</source>
        <translation>Standard überarbeitet</translation>
    </message>
    <message>
        <source>Marketing initiative</source>
        <translation>Marketing-Initiative</translation>
    </message>
    <message>
        <source>Phase / baseline declared</source>
        <translation>Phase / Basislinie festgelegt</translation>
    </message>
    <message>
        <source>PDSA cycle “{0}” ({1}), {2} – {3}</source>
        <translation>PDSA-Zyklus „{0}“ ({1}), {2} – {3}</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>in Study</source>
        <translation>in Study</translation>
    </message>
    <message>
        <source>awaiting a decision</source>
        <translation>wartet auf Entscheidung</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>{0} revised</source>
        <translation>{0} überarbeitet</translation>
    </message>
    <message>
        <source>Standard of “{0}” revised on {1}: what counts as reaching the stage changed here.</source>
        <translation>Standard von „{0}“ am {1} überarbeitet: Was als Erreichen der Stufe zählt, hat sich hier geändert.</translation>
    </message>
    <message>
        <source>New phase</source>
        <translation>Neue Phase</translation>
    </message>
    <message>
        <source>Baseline frozen</source>
        <translation>Basislinie festgelegt</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message>
        <source>{0} from {1}: {2}
Declared by {3} on {4}.</source>
        <translation>{0} ab {1}: {2}
Festgelegt von {3} am {4}.</translation>
    </message>
    <message>
        <source>Not in effect yet: its periods are not mature.</source>
        <translation>Noch nicht wirksam: ihre Perioden sind noch nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>Week of {0}</source>
        <translation>Woche vom {0}</translation>
    </message>
    <message>
        <source>{0} — no opportunities entered “{1}”</source>
        <translation>{0} – keine Verkaufschancen in „{1}“ eingetreten</translation>
    </message>
    <message>
        <source>{0} — {1}/{2} = {3} (95% CI {4}–{5})</source>
        <translation>{0} – {1}/{2} = {3} (95-%-KI {4}–{5})</translation>
    </message>
    <message>
        <source>Median {0}</source>
        <translation>Median {0}</translation>
    </message>
    <message>
        <source>Centre {0}</source>
        <translation>Mittellinie {0}</translation>
    </message>
    <message>
        <source>, limits {0}–{1}</source>
        <translation>, Grenzen {0}–{1}</translation>
    </message>
    <message>
        <source>above the upper limit</source>
        <translation>über der oberen Grenze</translation>
    </message>
    <message>
        <source>below the lower limit</source>
        <translation>unter der unteren Grenze</translation>
    </message>
    <message>
        <source>part of a run too long for chance</source>
        <translation>Teil eines für Zufall zu langen Laufs</translation>
    </message>
    <message>
        <source>shift (6+ points on one side of the median)</source>
        <translation>Verschiebung (6+ Punkte auf einer Seite des Medians)</translation>
    </message>
    <message>
        <source>trend (5+ points going one way)</source>
        <translation>Trend (5+ Punkte in eine Richtung)</translation>
    </message>
    <message>
        <source>astronomical point</source>
        <translation>astronomischer Punkt</translation>
    </message>
    <message>
        <source>Signal: {0}</source>
        <translation>Signal: {0}</translation>
    </message>
    <message>
        <source>Immature: its {0}-day window closes {1}; not used for the centre line, limits or signals.</source>
        <translation>Unreif: Sein {0}-Tage-Fenster schließt am {1}; nicht für Mittellinie, Grenzen oder Signale verwendet.</translation>
    </message>
    <message>
        <source>During cycle “{0}”</source>
        <translation>Während Zyklus „{0}“</translation>
    </message>
    <message>
        <source>During marketing initiative “{0}”</source>
        <translation>Während der Marketing-Initiative „{0}“</translation>
    </message>
    <message>
        <source>Right-click a point</source>
        <translation>Rechtsklick auf einen Punkt</translation>
    </message>
    <message>
        <source>Immature points take no part in the centre line or limits</source>
        <translation>Unreife Punkte gehen nicht in Mittellinie oder Grenzen ein</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>pdsa-desk hit a problem</source>
        <translation>pdsa-desk ist auf ein Problem gestoßen</translation>
    </message>
    <message>
        <source> It was also written to {0}.</source>
        <translation> Es wurde auch nach {0} geschrieben.</translation>
    </message>
    <message>
        <source>Something unexpected happened. Your saved work is safe: every change is saved as one transaction, and the one that failed was not saved.</source>
        <translation>Etwas Unerwartetes ist passiert. Ihre gespeicherte Arbeit ist sicher: Jede Änderung wird als eine Transaktion gespeichert, und die fehlgeschlagene wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>Details &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>CumulativeFlowChart</name>
    <message>
        <source>Opportunities (cumulative)</source>
        <extracomment>Closed work: lost in grey, won in a dark green apart from the stages&apos; bluish green.</extracomment>
        <translation>Chancen (kumulativ)</translation>
    </message>
    <message>
        <source>Cumulative flow</source>
        <translation>Kumulativer Fluss</translation>
    </message>
    <message>
        <source>No stage moves in this scope and range yet.</source>
        <translation>In diesem Umfang und Zeitraum gibt es noch keine Stufenwechsel.</translation>
    </message>
    <message>
        <source>Each line counts the opportunities that had reached a stage (or a later one) by each day, so lines only rise; the band between two lines is the work in that stage: {0} open on {1}. A widening band is work piling up; the slope of the bottom lines is the rate of closing.</source>
        <translation>Jede Linie zählt die Chancen, die eine Stufe (oder eine spätere) bis zu jedem Tag erreicht hatten, daher steigen die Linien nur; das Band zwischen zwei Linien ist die Arbeit in dieser Stufe: {0} offen am {1}. Ein breiter werdendes Band ist sich stauende Arbeit; die Steigung der unteren Linien ist die Abschlussrate.</translation>
    </message>
</context>
<context>
    <name>CycleEditor</name>
    <message>
        <source>&amp;Plan</source>
        <extracomment>A cycle was changed here (the list reloads). Another cycle should be opened (a new ramp cycle, a ramp card). Results of the open cycle were shown (for tests and for the screenshots).</extracomment>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <source>&amp;Do</source>
        <translation>&amp;Do</translation>
    </message>
    <message>
        <source>&amp;Study</source>
        <translation>&amp;Study</translation>
    </message>
    <message>
        <source>&amp;Act</source>
        <translation>&amp;Act</translation>
    </message>
    <message>
        <source>What we will try, and what we predict</source>
        <translation>Was wir ausprobieren und was wir vorhersagen</translation>
    </message>
    <message>
        <source>What happened while we tried it</source>
        <translation>Was geschah, während wir es ausprobierten</translation>
    </message>
    <message>
        <source>What the numbers say</source>
        <translation>Was die Zahlen sagen</translation>
    </message>
    <message>
        <source>Adopt, adapt or abandon</source>
        <translation>Übernehmen, anpassen oder aufgeben</translation>
    </message>
    <message>
        <source>Save the cycle&apos;s changes</source>
        <translation>Änderungen des Zyklus speichern</translation>
    </message>
    <message>
        <source>The cycle&apos;s next step (Start, Study, Act, Decide)</source>
        <translation>Nächster Schritt des Zyklus (Starten, Study, Act, Entscheiden)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>The cycle could not be read: {0}</source>
        <translation>Der Zyklus konnte nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>owner {0}</source>
        <translation>verantwortlich: {0}</translation>
    </message>
    <message>
        <source>tactic &apos;{0}&apos;</source>
        <translation>Taktik „{0}“</translation>
    </message>
    <message>
        <source>Start (Do)</source>
        <translation>Starten (Do)</translation>
    </message>
    <message>
        <source>Start the cycle: the plan is done (Ctrl+Enter)</source>
        <translation>Den Zyklus starten: Der Plan ist fertig (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Move to Study</source>
        <translation>Zu Study wechseln</translation>
    </message>
    <message>
        <source>The cycle has run: study its results (Ctrl+Enter)</source>
        <translation>Der Zyklus ist gelaufen: Werten Sie seine Ergebnisse aus (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Decide (Act)</source>
        <translation>Entscheiden (Act)</translation>
    </message>
    <message>
        <source>The team has interpreted the results: decide what to do (Ctrl+Enter)</source>
        <translation>Das Team hat die Ergebnisse interpretiert: Entscheiden Sie, was zu tun ist (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Go to the decision (Ctrl+Enter)</source>
        <translation>Zur Entscheidung gehen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>This cycle is decided; its record can&apos;t change</source>
        <translation>Dieser Zyklus ist entschieden; seine Aufzeichnung kann sich nicht mehr ändern</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Plan speichern</translation>
    </message>
    <message>
        <source>Save interpretation</source>
        <translation>Interpretation speichern</translation>
    </message>
    <message>
        <source>Save plan and interpretation</source>
        <translation>Plan und Interpretation speichern</translation>
    </message>
    <message>
        <source>Start cycle</source>
        <translation>Zyklus starten</translation>
    </message>
    <message>
        <source>Over the active-cycle limit</source>
        <translation>Über dem Limit aktiver Zyklen</translation>
    </message>
    <message numerus="yes">
        <source>Starting this cycle puts these reps over the limit of %n active cycle(s) per rep:</source>
        <translation>
            <numerusform>Mit dem Start dieses Zyklus überschreiten diese Vertriebler das Limit von %n aktiven Zyklus je Vertriebler:</numerusform>
            <numerusform>Mit dem Start dieses Zyklus überschreiten diese Vertriebler das Limit von %n aktiven Zyklen je Vertriebler:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• {0} — in %n active cycle(s) now</source>
        <translation>
            <numerusform>• {0} – jetzt in %n aktiven Zyklus</numerusform>
            <numerusform>• {0} – jetzt in %n aktiven Zyklen</numerusform>
        </translation>
    </message>
    <message>
        <source>Over marketing&apos;s capacity</source>
        <translation>Über der Kapazität des Marketings</translation>
    </message>
    <message numerus="yes">
        <source>Its tactic needs marketing support, and marketing already supports %n running cycle(s) — the workspace&apos;s limit:</source>
        <translation>
            <numerusform>Seine Taktik braucht Marketing-Unterstützung, und das Marketing unterstützt schon %n laufenden Zyklus – das Limit des Arbeitsbereichs:</numerusform>
            <numerusform>Seine Taktik braucht Marketing-Unterstützung, und das Marketing unterstützt schon %n laufende Zyklen – das Limit des Arbeitsbereichs:</numerusform>
        </translation>
    </message>
    <message>
        <source>• {0}</source>
        <translation>• {0}</translation>
    </message>
    <message>
        <source>Too many experiments at once blur what each one teaches, and an overloaded marketing team delivers late. Start anyway? The override is recorded with the cycle.</source>
        <translation>Zu viele Experimente gleichzeitig verwischen, was jedes lehrt, und ein überlastetes Marketing liefert spät. Trotzdem starten? Die Überschreitung wird beim Zyklus festgehalten.</translation>
    </message>
    <message>
        <source>Start anyway</source>
        <translation>Trotzdem starten</translation>
    </message>
    <message>
        <source>Move to Act</source>
        <translation>Zu Act wechseln</translation>
    </message>
    <message>
        <source>Move to Study before any outcome is known?</source>
        <translation>Zu Study wechseln, bevor ein Ergebnis bekannt ist?</translation>
    </message>
    <message>
        <source>Move to Study anyway</source>
        <translation>Trotzdem zu Study wechseln</translation>
    </message>
    <message>
        <source>e.g. the cycle had to stop: the rep left the team</source>
        <translation>z. B. der Zyklus musste enden: der Vertriebler hat das Team verlassen</translation>
    </message>
    <message>
        <source>Decide while the study says too early?</source>
        <translation>Entscheiden, obwohl die Auswertung „zu früh“ sagt?</translation>
    </message>
    <message>
        <source>Decide anyway</source>
        <translation>Trotzdem entscheiden</translation>
    </message>
    <message>
        <source>e.g. the customers&apos; feedback already settles it</source>
        <translation>z. B. die Rückmeldungen der Kunden entscheiden es bereits</translation>
    </message>
    <message>
        <source>Decide cycle</source>
        <translation>Zyklus entscheiden</translation>
    </message>
    <message>
        <source>Start a new phase on the chart?</source>
        <translation>Eine neue Phase im Diagramm beginnen?</translation>
    </message>
    <message>
        <source>The tactic is now standard work, so the process changed on {0}. A new phase on this transition&apos;s chart judges the weeks after it against their own centre line and limits, instead of flagging the improvement as a signal week after week.</source>
        <translation>Die Taktik ist jetzt Standardarbeit, der Prozess hat sich also am {0} geändert. Eine neue Phase im Diagramm dieses Übergangs beurteilt die folgenden Wochen an ihrer eigenen Mittellinie und ihren eigenen Grenzen, statt die Verbesserung Woche für Woche als Signal zu markieren.</translation>
    </message>
    <message>
        <source>Start the new phase</source>
        <translation>Die neue Phase beginnen</translation>
    </message>
    <message>
        <source>Add observation</source>
        <translation>Beobachtung hinzufügen</translation>
    </message>
    <message>
        <source>Delete observation</source>
        <translation>Beobachtung löschen</translation>
    </message>
</context>
<context>
    <name>CyclePanel</name>
    <message>
        <source>Cycles that more than one rep took part in</source>
        <translation>Zyklen, an denen mehr als ein Vertriebler teilnahm</translation>
    </message>
    <message>
        <source>C&amp;ycle:</source>
        <translation>&amp;Zyklus:</translation>
    </message>
    <message>
        <source>Each rep during the cycle against their own baseline. “Chance better” is how likely it is that the rep&apos;s rate really rose, given their numbers.</source>
        <translation>Jeder Vertriebler während des Zyklus gegenüber seiner eigenen Basislinie. „Chance besser“ gibt an, wie wahrscheinlich die Rate des Vertrieblers nach seinen Zahlen wirklich gestiegen ist.</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Basislinie</translation>
    </message>
    <message>
        <source>During</source>
        <translation>Während</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Difference in percentage points</source>
        <translation>Differenz in Prozentpunkten</translation>
    </message>
    <message>
        <source>Chance better</source>
        <translation>Chance besser</translation>
    </message>
    <message>
        <source>Probability that the rate during the cycle is really higher than the baseline</source>
        <translation>Wahrscheinlichkeit, dass die Rate während des Zyklus wirklich höher ist als die Basislinie</translation>
    </message>
    <message>
        <source>Improved</source>
        <translation>Verbessert</translation>
    </message>
    <message>
        <source>Improved: the rate rose. Credibly: chance better is at least 90%.</source>
        <translation>Verbessert: Die Rate stieg. Glaubwürdig: Die Chance besser liegt bei mindestens 90 %.</translation>
    </message>
    <message>
        <source>planning</source>
        <translation>in Planung</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>studying</source>
        <translation>in Auswertung</translation>
    </message>
    <message>
        <source>deciding</source>
        <translation>in Entscheidung</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>Counted once the rep has customers with a known outcome in both the baseline and the cycle.</source>
        <translation>Wird gezählt, sobald der Vertriebler sowohl in der Basislinie als auch im Zyklus Kunden mit bekanntem Ergebnis hat.</translation>
    </message>
    <message>
        <source>{0} pts</source>
        <translation>{0} Pkt.</translation>
    </message>
    <message>
        <source>Not counted yet</source>
        <translation>Noch nicht gezählt</translation>
    </message>
    <message>
        <source>Yes, credibly</source>
        <translation>Ja, glaubwürdig</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>CyclesView</name>
    <message>
        <source>&amp;New cycle</source>
        <translation>&amp;Neuer Zyklus</translation>
    </message>
    <message>
        <source>Plan a new PDSA cycle (Ctrl+N)</source>
        <translation>Einen neuen PDSA-Zyklus planen (Strg+N)</translation>
    </message>
    <message>
        <source>New cycle</source>
        <translation>Neuer Zyklus</translation>
    </message>
    <message>
        <source>Search titles, tactics, reps… (Ctrl+F)</source>
        <translation>Titel, Taktiken, Vertriebler suchen… (Strg+F)</translation>
    </message>
    <message>
        <source>Search the cycles</source>
        <translation>Zyklen durchsuchen</translation>
    </message>
    <message>
        <source>Show cycles in this status</source>
        <translation>Zyklen in diesem Status anzeigen</translation>
    </message>
    <message>
        <source>Show cycles this rep owns or takes part in</source>
        <translation>Zyklen anzeigen, die dieser Vertriebler verantwortet oder an denen er teilnimmt</translation>
    </message>
    <message>
        <source>Show cycles on this transition</source>
        <translation>Zyklen zu diesem Übergang anzeigen</translation>
    </message>
    <message>
        <source>Show cycles testing this tactic</source>
        <translation>Zyklen anzeigen, die diese Taktik testen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Show every cycle</source>
        <translation>Alle Zyklen anzeigen</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Archivierte zeigen</translation>
    </message>
    <message>
        <source>Also list the cycles archived out of current work</source>
        <translation>Auch die aus der laufenden Arbeit archivierten Zyklen auflisten</translation>
    </message>
    <message>
        <source>Click to sort; right-click to choose the columns</source>
        <translation>Klicken zum Sortieren; Rechtsklick zur Auswahl der Spalten</translation>
    </message>
    <message>
        <source>Cycles</source>
        <translation>Zyklen</translation>
    </message>
    <message>
        <source>Select a cycle on the left to plan, run, study or decide it — or press Ctrl+N to plan a new one.</source>
        <translation>Wählen Sie links einen Zyklus, um ihn zu planen, durchzuführen, auszuwerten oder zu entscheiden – oder drücken Sie Strg+N für einen neuen.</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected cycle (asks first when it has observations or a decision; Ctrl+Z brings it back)</source>
        <translation>Den gewählten Zyklus löschen (fragt vorher, wenn er Beobachtungen oder eine Entscheidung hat; Strg+Z holt ihn zurück)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Select a cycle first</source>
        <translation>Zuerst einen Zyklus wählen</translation>
    </message>
    <message>
        <source>Bring the cycle back into the lists of current work</source>
        <translation>Den Zyklus zurück in die Listen der laufenden Arbeit holen</translation>
    </message>
    <message>
        <source>Hide the cycle from the lists of current work; its record is kept</source>
        <translation>Den Zyklus aus den Listen der laufenden Arbeit ausblenden; seine Dokumentation bleibt erhalten</translation>
    </message>
    <message>
        <source>{0} cycles (updating…)</source>
        <translation>{0} Zyklen (wird aktualisiert…)</translation>
    </message>
    <message>
        <source>Reading the cycles…</source>
        <translation>Die Zyklen werden gelesen…</translation>
    </message>
    <message>
        <source>The cycles could not be read: {0}</source>
        <translation>Die Zyklen konnten nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>All reps</source>
        <translation>Alle Vertriebler</translation>
    </message>
    <message>
        <source>All transitions</source>
        <translation>Alle Übergänge</translation>
    </message>
    <message>
        <source>No tactic</source>
        <translation>Keine Taktik</translation>
    </message>
    <message>
        <source>All tactics</source>
        <translation>Alle Taktiken</translation>
    </message>
    <message>
        <source>No cycles yet — press Ctrl+N (or “New cycle”) to plan the first experiment on a step of your customer journey.</source>
        <translation>Noch keine Zyklen – drücken Sie Strg+N (oder „Neuer Zyklus“), um das erste Experiment an einem Schritt Ihrer Customer Journey zu planen.</translation>
    </message>
    <message>
        <source>0 of {0} cycles</source>
        <translation>0 von {0} Zyklen</translation>
    </message>
    <message>
        <source>No cycle matches these filters.</source>
        <translation>Kein Zyklus passt zu diesen Filtern.</translation>
    </message>
    <message>
        <source>{0} of {1} cycles</source>
        <translation>{0} von {1} Zyklen</translation>
    </message>
    <message>
        <source>{0} cycles</source>
        <translation>{0} Zyklen</translation>
    </message>
    <message>
        <source>New cycle “{0}”</source>
        <translation>Neuer Zyklus „{0}“</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>Stage events (re-importable)</source>
        <translation>Stufenwechsel (wieder importierbar)</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>PDSA cycles with study results</source>
        <translation>PDSA-Zyklen mit Auswertungsergebnissen</translation>
    </message>
    <message>
        <source>Conversion table</source>
        <translation>Konversionstabelle</translation>
    </message>
    <message>
        <source>Rep comparison</source>
        <translation>Vergleich der Vertriebler</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Data&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Daten&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Speicherort:</translation>
    </message>
    <message>
        <source>Schema:</source>
        <translation>Schema:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Health and backups</source>
        <translation>Zustand und Sicherungen</translation>
    </message>
    <message>
        <source>&amp;Check integrity</source>
        <translation>&amp;Integrität prüfen</translation>
    </message>
    <message>
        <source>Run SQLite&apos;s integrity check and pdsa-desk&apos;s consistency rules</source>
        <translation>Die Integritätsprüfung von SQLite und die Konsistenzregeln von pdsa-desk ausführen</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <source>Copy the workspace to a dated file beside it</source>
        <translation>Den Arbeitsbereich in eine datierte Datei daneben kopieren</translation>
    </message>
    <message>
        <source>A server workspace is backed up by the server&apos;s administrator</source>
        <translation>Ein Server-Arbeitsbereich wird vom Administrator des Servers gesichert</translation>
    </message>
    <message>
        <source>Results of the check and backups appear here.</source>
        <translation>Ergebnisse der Prüfung und der Sicherungen erscheinen hier.</translation>
    </message>
    <message>
        <source>Bring data in</source>
        <translation>Daten hereinholen</translation>
    </message>
    <message>
        <source>&amp;Import from CRM export…</source>
        <translation>Aus CRM-Export &amp;importieren…</translation>
    </message>
    <message>
        <source>Opportunities and stage changes from a CSV or Excel export; checked before anything is written</source>
        <translation>Verkaufschancen und Stufenwechsel aus einem CSV- oder Excel-Export; geprüft, bevor etwas geschrieben wird</translation>
    </message>
    <message>
        <source>This workspace is open read-only</source>
        <translation>Dieser Arbeitsbereich ist schreibgeschützt geöffnet</translation>
    </message>
    <message>
        <source>Take results out</source>
        <translation>Ergebnisse ausgeben</translation>
    </message>
    <message>
        <source>E&amp;xport:</source>
        <translation>E&amp;xportieren:</translation>
    </message>
    <message>
        <source>Export to CSV or Excel…</source>
        <translation>Als CSV oder Excel exportieren…</translation>
    </message>
    <message>
        <source>Spreadsheet-safe: text that starts like a formula is neutralised; numbers stay numbers</source>
        <translation>Tabellensicher: Text, der wie eine Formel beginnt, wird entschärft; Zahlen bleiben Zahlen</translation>
    </message>
    <message>
        <source>The workspace could not be read: {0}</source>
        <translation>Der Arbeitsbereich konnte nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found:</source>
        <translation>
            <numerusform>%n Problem gefunden:</numerusform>
            <numerusform>%n Probleme gefunden:</numerusform>
        </translation>
    </message>
    <message>
        <source>Healthy: no problems found.</source>
        <translation>In Ordnung: keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>The check could not run: {0}</source>
        <translation>Die Prüfung konnte nicht laufen: {0}</translation>
    </message>
    <message>
        <source>Export {0}</source>
        <translation>{0} exportieren</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx);;CSV, kommagetrennt (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportiere…</translation>
    </message>
    <message>
        <source>Exported {0} rows to {1}</source>
        <translation>{0} Zeilen nach {1} exportiert</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>Export fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Backup failed: {0}</source>
        <translation>Sicherung fehlgeschlagen: {0}</translation>
    </message>
    <message>
        <source>Backed up to {0}</source>
        <translation>Gesichert nach {0}</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Open opportunities</source>
        <translation>Offene Verkaufschancen</translation>
    </message>
    <message>
        <source>Won opportunities</source>
        <translation>Gewonnene Verkaufschancen</translation>
    </message>
    <message>
        <source>Lost opportunities</source>
        <translation>Verlorene Verkaufschancen</translation>
    </message>
    <message>
        <source>Stage events</source>
        <translation>Stufenwechsel</translation>
    </message>
    <message>
        <source>Tactics</source>
        <translation>Taktiken</translation>
    </message>
    <message>
        <source>PDSA cycles</source>
        <translation>PDSA-Zyklen</translation>
    </message>
    <message>
        <source>Observations</source>
        <translation>Beobachtungen</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Datum löschen</translation>
    </message>
</context>
<context>
    <name>DoTab</name>
    <message>
        <source>Write down what happens while the cycle runs: what you see, where you deviated from the plan, and problems. The Study step reads these next to the numbers.</source>
        <extracomment>The most lines a log row shows; the selected entry is shown whole below the table.</extracomment>
        <translation>Notieren Sie, was während des Zyklus geschieht: was Sie sehen, wo Sie vom Plan abgewichen sind, und Probleme. Der Study-Schritt liest dies neben den Zahlen.</translation>
    </message>
    <message>
        <source>Observation log</source>
        <translation>Beobachtungsprotokoll</translation>
    </message>
    <message>
        <source>No observations yet — type what you saw below and press Enter.</source>
        <translation>Noch keine Beobachtungen – geben Sie unten ein, was Sie gesehen haben, und drücken Sie die Eingabetaste.</translation>
    </message>
    <message>
        <source>The selected entry in full</source>
        <translation>Der gewählte Eintrag vollständig</translation>
    </message>
    <message>
        <source>Alt+{0}</source>
        <translation>Alt+{0}</translation>
    </message>
    <message>
        <source>Kind of entry: Alt+1 observation, Alt+2 deviation, Alt+3 problem</source>
        <translation>Art des Eintrags: Alt+1 Beobachtung, Alt+2 Abweichung, Alt+3 Problem</translation>
    </message>
    <message>
        <source>What did you see? Press Enter to add it to the log</source>
        <translation>Was haben Sie gesehen? Drücken Sie die Eingabetaste, um es ins Protokoll aufzunehmen</translation>
    </message>
    <message>
        <source>New observation</source>
        <translation>Neue Beobachtung</translation>
    </message>
    <message>
        <source>Who observed it</source>
        <translation>Wer es beobachtet hat</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add the entry to the log (Enter)</source>
        <translation>Den Eintrag ins Protokoll aufnehmen (Eingabe)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected entry (Del); Edit &gt; Undo brings it back</source>
        <translation>Den ausgewählten Eintrag löschen (Entf); Bearbeiten &gt; Rückgängig holt ihn zurück</translation>
    </message>
    <message>
        <source>A&amp;uthor:</source>
        <translation>A&amp;utor:</translation>
    </message>
    <message>
        <source>Alt+1/2/3: observation / deviation / problem</source>
        <translation>Alt+1/2/3: Beobachtung / Abweichung / Problem</translation>
    </message>
    <message>
        <source>Do log: mark the next entry as “{0}”</source>
        <translation>Do-Protokoll: nächsten Eintrag als „{0}“ markieren</translation>
    </message>
    <message>
        <source>Do log: delete the selected entry</source>
        <translation>Do-Protokoll: ausgewählten Eintrag löschen</translation>
    </message>
    <message>
        <source>This cycle is closed: its log is part of the record</source>
        <translation>Dieser Zyklus ist abgeschlossen: Sein Protokoll gehört zur Aufzeichnung</translation>
    </message>
    <message>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>Characters in this entry; at most {0}</source>
        <translation>Zeichen in diesem Eintrag; höchstens {0}</translation>
    </message>
    <message>
        <source>Too long: {0} characters, at most {1}. Split it into several entries.</source>
        <translation>Zu lang: {0} Zeichen, höchstens {1}. Teilen Sie ihn in mehrere Einträge auf.</translation>
    </message>
    <message>
        <source>This cycle is closed</source>
        <translation>Dieser Zyklus ist abgeschlossen</translation>
    </message>
    <message>
        <source>Type an observation first</source>
        <translation>Geben Sie zuerst eine Beobachtung ein</translation>
    </message>
    <message>
        <source>The entry is too long: split it into several entries</source>
        <translation>Der Eintrag ist zu lang: Teilen Sie ihn in mehrere Einträge auf</translation>
    </message>
    <message>
        <source>Select an entry in the log to delete it</source>
        <translation>Wählen Sie einen Eintrag im Protokoll, um ihn zu löschen</translation>
    </message>
</context>
<context>
    <name>ErrorLabel</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot connect to the team database at %1: %2.</source>
        <translation>Keine Verbindung zur Teamdatenbank auf %1: %2.</translation>
    </message>
    <message>
        <source>The team database at %1 is not reachable: %2. Your edit was not saved; try again.</source>
        <translation>Die Teamdatenbank auf %1 ist nicht erreichbar: %2. Ihre Änderung wurde nicht gespeichert; versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The team database at %1 is not reachable: %2. Try again.</source>
        <translation>Die Teamdatenbank auf %1 ist nicht erreichbar: %2. Versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>it cannot be written here</source>
        <translation>er kann hier nicht beschrieben werden</translation>
    </message>
    <message>
        <source>This workspace is open read-only (%1); nothing was saved.</source>
        <translation>Dieser Arbeitsbereich ist schreibgeschützt geöffnet (%1); nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a workspace file.</source>
        <translation>%1 ist ein Ordner, keine Arbeitsbereichsdatei.</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk workspace (not an SQLite database).</source>
        <translation>%1 ist kein pdsa-desk-Arbeitsbereich (keine SQLite-Datenbank).</translation>
    </message>
    <message>
        <source>%1 is an SQLite database but not a pdsa-desk workspace.</source>
        <translation>%1 ist eine SQLite-Datenbank, aber kein pdsa-desk-Arbeitsbereich.</translation>
    </message>
    <message>
        <source>%1 cannot be read as a workspace: it is damaged or truncated (SQLite: %2). %3</source>
        <translation>%1 kann nicht als Arbeitsbereich gelesen werden: Die Datei ist beschädigt oder abgeschnitten (SQLite: %2). %3</translation>
    </message>
    <message>
        <source>%1 cannot be read as a workspace: %2</source>
        <translation>%1 kann nicht als Arbeitsbereich gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk workspace: it is an empty SQLite database. It was left as it is.</source>
        <translation>%1 ist kein pdsa-desk-Arbeitsbereich: Es ist eine leere SQLite-Datenbank. Sie wurde gelassen, wie sie ist.</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk workspace: the database is empty. It was left as it is.</source>
        <translation>%1 ist kein pdsa-desk-Arbeitsbereich: Die Datenbank ist leer. Sie wurde gelassen, wie sie ist.</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2.</source>
        <translation>Keine Verbindung zu %1: %2.</translation>
    </message>
    <message>
        <source>%1 was saved by an older pdsa-desk (schema %2) and must be upgraded before it can be opened, but it cannot be written here (%3). Copy it to a folder you can write to and open the copy. Nothing was changed, and no backup was made.</source>
        <translation>%1 wurde von einem älteren pdsa-desk gespeichert (Schema %2) und muss vor dem Öffnen aktualisiert werden, kann hier aber nicht beschrieben werden (%3). Kopieren Sie ihn in einen beschreibbaren Ordner und öffnen Sie die Kopie. Nichts wurde geändert, und es wurde keine Sicherung angelegt.</translation>
    </message>
    <message>
        <source>Could not prepare the workspace %1: %2.</source>
        <translation>Der Arbeitsbereich %1 konnte nicht vorbereitet werden: %2.</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk workspace yet, and a new one cannot be made read-only.</source>
        <translation>%1 ist noch kein pdsa-desk-Arbeitsbereich, und ein neuer kann nicht schreibgeschützt angelegt werden.</translation>
    </message>
    <message>
        <source>%1 already holds %2 table of another program and is not a pdsa-desk workspace; choose an empty database. Nothing was changed.</source>
        <translation>%1 enthält schon %2 Tabelle eines anderen Programms und ist kein pdsa-desk-Arbeitsbereich; wählen Sie eine leere Datenbank. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>%1 already holds %2 tables of another program and is not a pdsa-desk workspace; choose an empty database. Nothing was changed.</source>
        <translation>%1 enthält schon %2 Tabellen eines anderen Programms und ist kein pdsa-desk-Arbeitsbereich; wählen Sie eine leere Datenbank. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The database is empty: a new workspace will be created in it.</source>
        <translation>Die Datenbank ist leer: Ein neuer Arbeitsbereich wird darin angelegt.</translation>
    </message>
    <message>
        <source>It holds a pdsa-desk workspace (schema %1).</source>
        <translation>Sie enthält einen pdsa-desk-Arbeitsbereich (Schema %1).</translation>
    </message>
    <message>
        <source>It holds a pdsa-desk workspace of schema %1; it will be upgraded to %2 when you connect.</source>
        <translation>Sie enthält einen pdsa-desk-Arbeitsbereich mit Schema %1; er wird beim Verbinden auf %2 aktualisiert.</translation>
    </message>
    <message>
        <source>Connected to %1 %2 at %3. %4</source>
        <translation>Verbunden mit %1 %2 auf %3. %4</translation>
    </message>
    <message>
        <source>The team database at %1 refused user &apos;%2&apos;: %3.</source>
        <translation>Die Teamdatenbank auf %1 hat den Benutzer „%2“ abgewiesen: %3.</translation>
    </message>
    <message>
        <source>Another pdsa-desk is saving to this workspace — try again.</source>
        <translation>Ein anderes pdsa-desk speichert gerade in diesen Arbeitsbereich – versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>Restore the latest backup, and run &apos;pdsa-desk check&apos; on it.</source>
        <translation>Stellen Sie die letzte Sicherung wieder her und führen Sie „pdsa-desk check“ darauf aus.</translation>
    </message>
    <message>
        <source>The workspace holds text that cannot be read in the column &apos;%1&apos;: it may be damaged. %2</source>
        <translation>Der Arbeitsbereich enthält Text, der in der Spalte „%1“ nicht gelesen werden kann: Er ist vielleicht beschädigt. %2</translation>
    </message>
    <message>
        <source>The workspace holds text that cannot be read: it may be damaged. %1</source>
        <translation>Der Arbeitsbereich enthält Text, der nicht gelesen werden kann: Er ist vielleicht beschädigt. %1</translation>
    </message>
    <message>
        <source>The disk holding the workspace is full; nothing was saved. Free some space and try again.</source>
        <translation>Der Datenträger des Arbeitsbereichs ist voll; nichts wurde gespeichert. Geben Sie Speicherplatz frei und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The workspace cannot be written here (the file, its folder or the disk is read-only); nothing was saved.</source>
        <translation>In den Arbeitsbereich kann hier nicht geschrieben werden (die Datei, ihr Ordner oder der Datenträger ist schreibgeschützt); nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The disk reported an error reading or writing the workspace (or a file-size limit was reached); nothing was saved. Check the disk and try again.</source>
        <translation>Der Datenträger meldete einen Fehler beim Lesen oder Schreiben des Arbeitsbereichs (oder eine Dateigrößengrenze wurde erreicht); nichts wurde gespeichert. Prüfen Sie den Datenträger und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The workspace file is damaged (SQLite: %1). %2</source>
        <translation>Die Datei des Arbeitsbereichs ist beschädigt (SQLite: %1). %2</translation>
    </message>
    <message>
        <source>The workspace file could not be opened (it, or its folder, was moved, removed or cannot be read).</source>
        <translation>Die Datei des Arbeitsbereichs konnte nicht geöffnet werden (sie oder ihr Ordner wurde verschoben, entfernt oder ist nicht lesbar).</translation>
    </message>
    <message>
        <source>The computer ran out of memory working on the workspace; nothing was saved.</source>
        <translation>Dem Computer ging bei der Arbeit am Arbeitsbereich der Speicher aus; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The workspace is incomplete (%1): a part of it is missing. %2</source>
        <translation>Der Arbeitsbereich ist unvollständig (%1): Ein Teil fehlt. %2</translation>
    </message>
    <message>
        <source>Someone else was saving the same rows on the team database; nothing was saved — try again.</source>
        <translation>Jemand anderes hat gerade dieselben Zeilen in der Teamdatenbank gespeichert; nichts wurde gespeichert – versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The team database cancelled the work (a time limit, or its administrator); nothing was saved. Try again.</source>
        <translation>Die Teamdatenbank hat die Arbeit abgebrochen (ein Zeitlimit oder ihr Administrator); nichts wurde gespeichert. Versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>The team database&apos;s disk is full; nothing was saved. Tell its administrator.</source>
        <translation>Der Datenträger der Teamdatenbank ist voll; nichts wurde gespeichert. Sagen Sie es ihrem Administrator.</translation>
    </message>
    <message>
        <source>The team database is out of resources (memory or connections); nothing was saved. Try again later, or tell its administrator.</source>
        <translation>Der Teamdatenbank gehen die Ressourcen aus (Speicher oder Verbindungen); nichts wurde gespeichert. Versuchen Sie es später noch einmal oder sagen Sie es ihrem Administrator.</translation>
    </message>
    <message>
        <source>The team database accepts no changes at the moment (it is read-only); nothing was saved.</source>
        <translation>Die Teamdatenbank nimmt im Moment keine Änderungen an (sie ist schreibgeschützt); nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The team database reported an internal or storage error; nothing was saved. Tell its administrator.</source>
        <translation>Die Teamdatenbank meldete einen internen oder Speicherfehler; nichts wurde gespeichert. Sagen Sie es ihrem Administrator.</translation>
    </message>
    <message>
        <source>The workspace could not be used for this (an unexpected SQLite error); nothing was saved. The details are in the log file.</source>
        <translation>Der Arbeitsbereich konnte dafür nicht verwendet werden (ein unerwarteter SQLite-Fehler); nichts wurde gespeichert. Die Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>This installation of pdsa-desk has no schema migrations; reinstall it.</source>
        <translation>Dieser Installation von pdsa-desk fehlen die Schema-Migrationen; installieren Sie es neu.</translation>
    </message>
    <message>
        <source>%1 was saved by a newer version of pdsa-desk (schema %2). Update pdsa-desk to open it; the database has not been changed.</source>
        <translation>%1 wurde von einer neueren Version von pdsa-desk gespeichert (Schema %2). Aktualisieren Sie pdsa-desk, um sie zu öffnen; die Datenbank wurde nicht verändert.</translation>
    </message>
    <message>
        <source>%1 was saved by a newer version of pdsa-desk (schema %2). Update pdsa-desk to open it; the file has not been changed.</source>
        <translation>%1 wurde von einer neueren Version von pdsa-desk gespeichert (Schema %2). Aktualisieren Sie pdsa-desk, um sie zu öffnen; die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Backing up %1 needs %2 free on %3 (there are %4); free some space and try again. Nothing was changed.</source>
        <translation>Die Sicherung von %1 braucht %2 freien Platz auf %3 (vorhanden sind %4); geben Sie Speicherplatz frei und versuchen Sie es noch einmal. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>There is not enough room on %1 to back up %2; free some space and try again. Nothing was changed.</source>
        <translation>Auf %1 ist nicht genug Platz, um %2 zu sichern; geben Sie Speicherplatz frei und versuchen Sie es noch einmal. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>%1 could not be backed up: it is damaged. %2</source>
        <translation>%1 konnte nicht gesichert werden: Die Datei ist beschädigt. %2</translation>
    </message>
    <message>
        <source>%1 could not be backed up: its folder %2 cannot be written.</source>
        <translation>%1 konnte nicht gesichert werden: Ihr Ordner %2 ist nicht beschreibbar.</translation>
    </message>
    <message>
        <source>%1 could not be backed up (%2). Nothing was changed.</source>
        <translation>%1 konnte nicht gesichert werden (%2). Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>die Datei ist schreibgeschützt</translation>
    </message>
    <message>
        <source>its folder is read-only</source>
        <translation>ihr Ordner ist schreibgeschützt</translation>
    </message>
    <message>
        <source>The work stopped unexpectedly; nothing was written.</source>
        <translation>Die Arbeit wurde unerwartet abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>Merging %1 would leave two %2 named &apos;%3&apos; (one was renamed on the other laptop); rename one of them here, then merge again. Nothing was changed.</source>
        <translation>Das Zusammenführen von %1 ergäbe zwei %2 namens „%3“ (eine(r) wurde auf dem anderen Laptop umbenannt); benennen Sie hier eine(n) davon um und führen Sie dann erneut zusammen. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>standards changed since %1 from &apos;%2&apos;, exported %3 UTC (%4 rows)</source>
        <translation>seit %1 geänderte Standards von „%2“, exportiert %3 UTC (%4 Zeilen)</translation>
    </message>
    <message>
        <source>standards from &apos;%1&apos;, exported %2 UTC (%3 rows)</source>
        <translation>Standards von „%1“, exportiert %2 UTC (%3 Zeilen)</translation>
    </message>
    <message>
        <source>work changed since %1 from &apos;%2&apos;, exported %3 UTC (%4 rows)</source>
        <translation>seit %1 geänderte Arbeit von „%2“, exportiert %3 UTC (%4 Zeilen)</translation>
    </message>
    <message>
        <source>work from &apos;%1&apos;, exported %2 UTC (%3 rows)</source>
        <translation>Arbeit von „%1“, exportiert %2 UTC (%3 Zeilen)</translation>
    </message>
    <message>
        <source>%1 has rows that cannot be read (%2); it may be damaged.</source>
        <translation>%1 hat Zeilen, die nicht gelesen werden können (%2); die Datei ist vielleicht beschädigt.</translation>
    </message>
    <message>
        <source>%1 is incomplete or altered: its header lists %2 %3 rows, it holds %4.</source>
        <translation>%1 ist unvollständig oder verändert: Ihr Kopf nennt %2 Zeilen in %3, sie enthält %4.</translation>
    </message>
    <message>
        <source>%1 claims to hold standards only but holds %2 rows.</source>
        <translation>%1 gibt an, nur Standards zu enthalten, enthält aber Zeilen in %2.</translation>
    </message>
    <message>
        <source>%1 row %2: listed twice</source>
        <translation>%1, Zeile %2: zweimal aufgeführt</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Es gibt keine Datei %1.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a pdsa-desk bundle.</source>
        <translation>%1 ist ein Ordner, kein pdsa-desk-Paket.</translation>
    </message>
    <message>
        <source>%1 is too large to be a pdsa-desk bundle (%2 bytes).</source>
        <translation>%1 ist zu groß für ein pdsa-desk-Paket (%2 Byte).</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk bundle (not an SQLite database).</source>
        <translation>%1 ist kein pdsa-desk-Paket (keine SQLite-Datenbank).</translation>
    </message>
    <message>
        <source>%1 could not be upgraded to this version&apos;s format: %2</source>
        <translation>%1 konnte nicht in das Format dieser Version gebracht werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read as a bundle (%2).</source>
        <translation>%1 kann nicht als Paket gelesen werden (%2).</translation>
    </message>
    <message>
        <source>%1 is damaged (SQLite reports: %2); ask for a new copy of the file.</source>
        <translation>%1 ist beschädigt (SQLite meldet: %2); bitten Sie um eine neue Kopie der Datei.</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk bundle: it has no bundle header (it looks like a workspace: open it with File → Open workspace).</source>
        <translation>%1 ist kein pdsa-desk-Paket: Es hat keinen Paketkopf (es sieht aus wie ein Arbeitsbereich: öffnen Sie es mit Datei → Arbeitsbereich öffnen).</translation>
    </message>
    <message>
        <source>%1 is not a pdsa-desk bundle: it has no bundle header.</source>
        <translation>%1 ist kein pdsa-desk-Paket: Es hat keinen Paketkopf.</translation>
    </message>
    <message>
        <source>%1 cannot be read as a bundle (%2); it may be truncated or damaged.</source>
        <translation>%1 kann nicht als Paket gelesen werden (%2); es ist vielleicht abgeschnitten oder beschädigt.</translation>
    </message>
    <message>
        <source>%1 is inconsistent: its schema does not match its header.</source>
        <translation>%1 ist widersprüchlich: Sein Schema passt nicht zu seinem Kopf.</translation>
    </message>
    <message>
        <source>too many entries</source>
        <translation>zu viele Einträge</translation>
    </message>
    <message>
        <source>an entry is not short text</source>
        <translation>ein Eintrag ist kein kurzer Text</translation>
    </message>
    <message>
        <source>%1 has a damaged bundle header (%2).</source>
        <translation>%1 hat einen beschädigten Paketkopf (%2).</translation>
    </message>
    <message>
        <source>no %1</source>
        <translation>kein(e) %1</translation>
    </message>
    <message>
        <source>%1 is not a time</source>
        <translation>%1 ist keine Zeitangabe</translation>
    </message>
    <message>
        <source>%1 has no time zone</source>
        <translation>%1 hat keine Zeitzone</translation>
    </message>
    <message>
        <source>format is not a number</source>
        <translation>das Format ist keine Zahl</translation>
    </message>
    <message>
        <source>%1 was made by a newer version of pdsa-desk (bundle format %2); update pdsa-desk to merge it.</source>
        <translation>%1 wurde von einer neueren Version von pdsa-desk erstellt (Paketformat %2); aktualisieren Sie pdsa-desk, um es zusammenzuführen.</translation>
    </message>
    <message>
        <source>%1 was made by a newer version of pdsa-desk (schema %2); update pdsa-desk to merge it. Nothing was changed.</source>
        <translation>%1 wurde von einer neueren Version von pdsa-desk erstellt (Schema %2); aktualisieren Sie pdsa-desk, um es zusammenzuführen. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>row count of unknown table %1</source>
        <translation>Zeilenzahl einer unbekannten Tabelle %1</translation>
    </message>
    <message>
        <source>row count of %1 is not a number</source>
        <translation>die Zeilenzahl von %1 ist keine Zahl</translation>
    </message>
    <message>
        <source>a seen workspace id is not a UUID</source>
        <translation>eine gesehene Arbeitsbereichs-ID ist keine UUID</translation>
    </message>
    <message>
        <source>unknown kind %1</source>
        <translation>unbekannte Art %1</translation>
    </message>
    <message>
        <source>its workspace settings are damaged: %1</source>
        <translation>seine Arbeitsbereichseinstellungen sind beschädigt: %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The &apos;since&apos; time must include a time zone.</source>
        <translation>Die „seit“-Zeit braucht eine Zeitzone.</translation>
    </message>
    <message>
        <source>%1 is a folder; choose a file name for the bundle.</source>
        <translation>%1 ist ein Ordner; wählen Sie einen Dateinamen für das Paket.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Choose another file: that is the workspace itself.</source>
        <translation>Wählen Sie eine andere Datei: Das ist der Arbeitsbereich selbst.</translation>
    </message>
    <message>
        <source>%1 already exists and is not a pdsa-desk bundle; choose another file name.</source>
        <translation>%1 existiert schon und ist kein pdsa-desk-Paket; wählen Sie einen anderen Dateinamen.</translation>
    </message>
    <message>
        <source>Merging %1: %2…</source>
        <translation>%1 wird zusammengeführt: %2…</translation>
    </message>
    <message>
        <source>The merge of %1 was cancelled; nothing was changed.</source>
        <translation>Das Zusammenführen von %1 wurde abgebrochen; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>%1 could not be merged (%2); nothing was changed.</source>
        <translation>%1 konnte nicht zusammengeführt werden (%2); nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The %1 chosen for &apos;%2&apos; no longer exists.</source>
        <translation>Der für „%2“ gewählte Eintrag (%1) existiert nicht mehr.</translation>
    </message>
    <message>
        <source>%1 %2 refers to a %3 (%4) that is neither in the file nor in this workspace</source>
        <translation>%1 %2 verweist auf %3 (%4), das weder in der Datei noch in diesem Arbeitsbereich ist</translation>
    </message>
    <message>
        <source>%1 is incomplete: %2 (and %3 more). Nothing was changed.</source>
        <translation>%1 ist unvollständig: %2 (und %3 weitere). Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>%1 is incomplete: %2. Nothing was changed.</source>
        <translation>%1 ist unvollständig: %2. Nichts wurde geändert.</translation>
    </message>
    <message>
        <source>entered %1</source>
        <translation>eingetreten %1</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; (already here as &apos;%3&apos;)</source>
        <translation>%1 „%2“ (hier schon als „%3“)</translation>
    </message>
    <message>
        <source>%1 has %2 definitions with the name of a different one here: %3 and %4 more. Map them to the existing ones (command line: --map-by-name) to merge.</source>
        <translation>%1 hat %2 Definitionen mit dem Namen einer anderen hier: %3 und %4 weitere. Ordnen Sie sie den vorhandenen zu (Befehlszeile: --map-by-name), um zusammenzuführen.</translation>
    </message>
    <message>
        <source>%1 has %2 definition with the name of a different one here: %3. Map it to the existing one (command line: --map-by-name) to merge.</source>
        <translation>%1 hat %2 Definition mit dem Namen einer anderen hier: %3. Ordnen Sie sie der vorhandenen zu (Befehlszeile: --map-by-name), um zusammenzuführen.</translation>
    </message>
    <message>
        <source>%1 has %2 definitions with the name of a different one here: %3. Map them to the existing ones (command line: --map-by-name) to merge.</source>
        <translation>%1 hat %2 Definitionen mit dem Namen einer anderen hier: %3. Ordnen Sie sie den vorhandenen zu (Befehlszeile: --map-by-name), um zusammenzuführen.</translation>
    </message>
    <message>
        <source>%1 was %2</source>
        <translation>%1 war %2</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; changed on both sides: kept the incoming version (%3) over this workspace&apos;s (%4: %5)</source>
        <translation>%1 „%2“ wurde auf beiden Seiten geändert: die eingehende Fassung (%3) behalten statt der dieses Arbeitsbereichs (%4: %5)</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; changed on both sides: kept the incoming version (%3) over this workspace&apos;s (%4)</source>
        <translation>%1 „%2“ wurde auf beiden Seiten geändert: die eingehende Fassung (%3) behalten statt der dieses Arbeitsbereichs (%4)</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; changed on both sides: kept this workspace&apos;s version (%3) over the incoming (%4: %5)</source>
        <translation>%1 „%2“ wurde auf beiden Seiten geändert: die Fassung dieses Arbeitsbereichs (%3) behalten statt der eingehenden (%4: %5)</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; changed on both sides: kept this workspace&apos;s version (%3) over the incoming (%4)</source>
        <translation>%1 „%2“ wurde auf beiden Seiten geändert: die Fassung dieses Arbeitsbereichs (%3) behalten statt der eingehenden (%4)</translation>
    </message>
    <message>
        <source>Would merge %1: %2</source>
        <translation>Würde %1 zusammenführen: %2</translation>
    </message>
    <message>
        <source>Merged %1: %2</source>
        <translation>%1 zusammengeführt: %2</translation>
    </message>
    <message>
        <source>  %1: %2 added, %3 updated, %4 conflicts, %5 skipped</source>
        <translation>  %1: %2 hinzugefügt, %3 aktualisiert, %4 Konflikte, %5 übersprungen</translation>
    </message>
    <message>
        <source>  workspace setting (newer there) %1</source>
        <translation>  Arbeitsbereichseinstellung (dort neuer) %1</translation>
    </message>
    <message>
        <source>  mapped %1 &apos;%2&apos; to the existing &apos;%3&apos;</source>
        <translation>  %1 „%2“ dem vorhandenen „%3“ zugeordnet</translation>
    </message>
    <message>
        <source>  conflict: %1</source>
        <translation>  Konflikt: %1</translation>
    </message>
    <message>
        <source>  … and %1 more conflicts (in each the newer version was kept)</source>
        <translation>  … und %1 weitere Konflikte (in jedem wurde die neuere Fassung behalten)</translation>
    </message>
    <message>
        <source>  (dry run: nothing was changed)</source>
        <translation>  (Probelauf: nichts wurde geändert)</translation>
    </message>
    <message>
        <source>  nothing new</source>
        <translation>  nichts Neues</translation>
    </message>
    <message>
        <source>The workspace has no settings row; run &apos;pdsa-desk check&apos;.</source>
        <translation>Der Arbeitsbereich hat keine Einstellungszeile; führen Sie „pdsa-desk check“ aus.</translation>
    </message>
    <message>
        <source>%1 row %2: %3 %4</source>
        <translation>%1, Zeile %2: %3 %4</translation>
    </message>
    <message>
        <source>%1 row %2, %3</source>
        <translation>%1, Zeile %2, %3</translation>
    </message>
    <message>
        <source>%1 has rows that cannot be read (%2: %3); it may be damaged.</source>
        <translation>%1 hat Zeilen, die nicht gelesen werden können (%2: %3); die Datei ist vielleicht beschädigt.</translation>
    </message>
    <message>
        <source>%1 holds data pdsa-desk cannot accept: %2.</source>
        <translation>%1 enthält Daten, die pdsa-desk nicht annehmen kann: %2.</translation>
    </message>
    <message>
        <source>%1 row %2: two live %3 are named %4</source>
        <translation>%1, Zeile %2: zwei aktive %3 heißen %4</translation>
    </message>
    <message>
        <source>is not a UUID</source>
        <translation>ist keine UUID</translation>
    </message>
    <message>
        <source>is not a time</source>
        <translation>ist keine Zeitangabe</translation>
    </message>
    <message>
        <source>is not a date</source>
        <translation>ist kein Datum</translation>
    </message>
    <message>
        <source>is not yes/no</source>
        <translation>ist nicht ja/nein</translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation>ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>is out of range</source>
        <translation>liegt außerhalb des gültigen Bereichs</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>ist keine Zahl</translation>
    </message>
    <message>
        <source>has an item that is not short text</source>
        <translation>hat einen Eintrag, der kein kurzer Text ist</translation>
    </message>
    <message>
        <source>is not text</source>
        <translation>ist kein Text</translation>
    </message>
    <message>
        <source>is not a list of at most %1 items</source>
        <translation>ist keine Liste mit höchstens %1 Einträgen</translation>
    </message>
    <message>
        <source>is too long (%1 characters; at most %2)</source>
        <translation>ist zu lang (%1 Zeichen; höchstens %2)</translation>
    </message>
    <message>
        <source>is not one of %1</source>
        <translation>ist keiner dieser Werte: %1</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the export</source>
        <translation>Export wählen</translation>
    </message>
    <message>
        <source>A CSV file (any delimiter) or an Excel .xlsx workbook exported from your CRM: a stage history report, or one row per deal with a date per stage.</source>
        <translation>Eine CSV-Datei (beliebiges Trennzeichen) oder eine Excel-Arbeitsmappe (.xlsx) aus Ihrem CRM: ein Stufenverlaufsbericht oder eine Zeile je Deal mit einem Datum je Stufe.</translation>
    </message>
    <message>
        <source>The file exported from your CRM</source>
        <translation>Die aus Ihrem CRM exportierte Datei</translation>
    </message>
    <message>
        <source>Export file</source>
        <translation>Exportdatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a CSV or Excel file</source>
        <translation>Eine CSV- oder Excel-Datei wählen</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>The workbook sheet to read</source>
        <translation>Das zu lesende Tabellenblatt</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Tabellenblatt:</translation>
    </message>
    <message>
        <source>Detected:</source>
        <translation>Erkannt:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>No file chosen yet — click Browse… to pick the export.</source>
        <translation>Noch keine Datei gewählt – klicken Sie auf „Durchsuchen…“, um den Export auszuwählen.</translation>
    </message>
    <message>
        <source>Import from CRM export</source>
        <translation>Aus CRM-Export importieren</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>Lese {0}…</translation>
    </message>
    <message>
        <source>Excel workbook, sheet &apos;{0}&apos;</source>
        <translation>Excel-Arbeitsmappe, Blatt „{0}“</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel-Arbeitsmappe</translation>
    </message>
    <message>
        <source>CSV, {0}-separated, {1} text</source>
        <translation>CSV, {0}-getrennt, Text in {1}</translation>
    </message>
    <message>
        <source>{0} · {1} columns · first rows shown below</source>
        <translation>{0} · {1} Spalten · erste Zeilen unten</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Lese die Datei…</translation>
    </message>
    <message>
        <source>Choose another file, or fix this one and press Enter in the file box.</source>
        <translation>Wählen Sie eine andere Datei, oder korrigieren Sie diese und drücken Sie im Dateifeld die Eingabetaste.</translation>
    </message>
    <message>
        <source>Preview — the file has a header but no data rows</source>
        <translation>Vorschau – die Datei hat eine Kopfzeile, aber keine Datenzeilen</translation>
    </message>
    <message>
        <source>Preview (first {0} rows; row numbers as in a spreadsheet)</source>
        <translation>Vorschau (erste {0} Zeilen; Zeilennummern wie in einer Tabellenkalkulation)</translation>
    </message>
    <message>
        <source>Choose a file that can be read.</source>
        <translation>Wählen Sie eine lesbare Datei.</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>Wählen Sie zuerst eine Datei.</translation>
    </message>
</context>
<context>
    <name>Flow</name>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
</context>
<context>
    <name>FlowChart</name>
    <message>
        <source>Open opportunities</source>
        <translation>Offene Verkaufschancen</translation>
    </message>
    <message>
        <source>&amp;Stacked</source>
        <translation>&amp;Gestapelt</translation>
    </message>
    <message>
        <source>Stack the stages (cumulative flow) or draw one line per stage with its WIP limit</source>
        <translation>Die Stufen stapeln (kumulativer Fluss) oder je Stufe eine Linie mit ihrem WIP-Limit zeichnen</translation>
    </message>
    <message>
        <source>Open work by stage</source>
        <translation>Offene Arbeit je Stufe</translation>
    </message>
    <message>
        <source>No stage moves in this scope and range yet.</source>
        <translation>In diesem Umfang und Zeitraum noch keine Stufenwechsel.</translation>
    </message>
    <message>
        <source> (limit {0})</source>
        <translation> (Limit {0})</translation>
    </message>
    <message>
        <source>Over WIP limit</source>
        <translation>Über dem WIP-Limit</translation>
    </message>
    <message>
        <source>Open opportunities per stage at the end of each day; {0} open on {1}.</source>
        <translation>Offene Verkaufschancen je Stufe am Ende jedes Tages; {0} offen am {1}.</translation>
    </message>
    <message>
        <source> WIP limits apply to the whole workspace, so they are shown for “All” only.</source>
        <translation> WIP-Limits gelten für den ganzen Arbeitsbereich und werden daher nur bei „Alle“ angezeigt.</translation>
    </message>
    <message>
        <source> Over the limit now: {0}.</source>
        <translation> Jetzt über dem Limit: {0}.</translation>
    </message>
    <message>
        <source> — over the limit</source>
        <translation> – über dem Limit</translation>
    </message>
</context>
<context>
    <name>ForecastForm</name>
    <message>
        <source>Who makes the forecast: choose a name or type a new one</source>
        <translation>Wer die Prognose abgibt: einen Namen wählen oder einen neuen eintippen</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quartal</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>The stage whose entries are forecast</source>
        <translation>Die Stufe, deren Eintritte prognostiziert werden</translation>
    </message>
    <message>
        <source>Whole workspace</source>
        <translation>Ganzer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>&amp;Record forecast</source>
        <translation>Prognose &amp;erfassen</translation>
    </message>
    <message>
        <source>Record it, made now (Ctrl+Enter)</source>
        <translation>Erfassen, abgegeben jetzt (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Record the forecast</source>
        <translation>Prognose festhalten</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Wer:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;olle:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>W&amp;as:</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Für:</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Zahl:</translation>
    </message>
    <message>
        <source>Q%1</source>
        <translation>Q%1</translation>
    </message>
</context>
<context>
    <name>ForecastsView</name>
    <message>
        <source>&lt;h2&gt;Forecasts&lt;/h2&gt;Predictions of leads, stage entries, won deals and revenue, held against what happened. Bias is the mean error in % of the actual (positive = optimistic); accuracy is the mean absolute % error.</source>
        <translation>&lt;h2&gt;Prognosen&lt;/h2&gt;Vorhersagen von Leads, Stufeneintritten, gewonnenen Abschlüssen und Umsatz, verglichen mit dem, was geschah. Die Verzerrung ist der mittlere Fehler in % des Ist-Werts (positiv = optimistisch); die Genauigkeit ist der mittlere absolute Fehler in %.</translation>
    </message>
    <message>
        <source>Record a forecast</source>
        <translation>Eine Prognose erfassen</translation>
    </message>
    <message>
        <source>Show one forecaster&apos;s forecasts, or everyone&apos;s</source>
        <translation>Die Prognosen einer Person zeigen oder die aller</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>&amp;Delete forecast</source>
        <translation>Prognose &amp;löschen</translation>
    </message>
    <message>
        <source>Delete the selected forecast (Del); Edit &gt; Undo brings it back</source>
        <translation>Die ausgewählte Prognose löschen (Entf); Bearbeiten &gt; Rückgängig holt sie zurück</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Forecaster</source>
        <translation>Prognostiziert von</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Ist</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Error %</source>
        <translation>Fehler %</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Abgegeben</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Zeiträume</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>Verzerrung</translation>
    </message>
    <message>
        <source>Accuracy (mean abs. error)</source>
        <translation>Genauigkeit (mittl. abs. Fehler)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>&lt;b&gt;Each forecaster over their last four closed periods&lt;/b&gt; — listed by name: a record to calibrate against, not a league table.</source>
        <translation>&lt;b&gt;Jede prognostizierende Person über ihre letzten vier abgeschlossenen Zeiträume&lt;/b&gt; – nach Namen geordnet: eine Bilanz zum Kalibrieren, keine Rangliste.</translation>
    </message>
    <message>
        <source>Q{0} {1}</source>
        <translation>Q{0} {1}</translation>
    </message>
    <message>
        <source>Whole workspace</source>
        <translation>Ganzer Arbeitsbereich</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>stage deleted</source>
        <translation>Stufe gelöscht</translation>
    </message>
    <message>
        <source>{0} so far</source>
        <translation>{0} bisher</translation>
    </message>
    <message>
        <source>{0} — after the period started</source>
        <translation>{0} – nach Beginn des Zeitraums</translation>
    </message>
    <message>
        <source>Made after the period had started: part of the actual was already known.</source>
        <translation>Nach Beginn des Zeitraums abgegeben: Ein Teil des Ist-Werts war schon bekannt.</translation>
    </message>
    <message>
        <source>The period is still running: the actual is counted so far, the error once it ends.</source>
        <translation>Der Zeitraum läuft noch: Der Ist-Wert ist bisher gezählt, der Fehler folgt, wenn er endet.</translation>
    </message>
    <message numerus="yes">
        <source>%n won deal(s) of the period have no amount and add nothing to the revenue.</source>
        <translation>
            <numerusform>%n gewonnener Abschluss des Zeitraums hat keinen Betrag und trägt nichts zum Umsatz bei.</numerusform>
            <numerusform>%n gewonnene Abschlüsse des Zeitraums haben keinen Betrag und tragen nichts zum Umsatz bei.</numerusform>
        </translation>
    </message>
    <message>
        <source>The actual is 0: an error in % is undefined, so this forecast is left out of the bias and accuracy.</source>
        <translation>Der Ist-Wert ist 0: Ein Fehler in % ist nicht definiert, daher bleibt diese Prognose bei Verzerrung und Genauigkeit außen vor.</translation>
    </message>
    <message numerus="yes">
        <source>%n left out (actual 0)</source>
        <translation>
            <numerusform>%n ausgelassen (Ist 0)</numerusform>
            <numerusform>%n ausgelassen (Ist 0)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n made after the period started</source>
        <translation>
            <numerusform>%n nach Beginn des Zeitraums abgegeben</numerusform>
            <numerusform>%n nach Beginn des Zeitraums abgegeben</numerusform>
        </translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>The forecasts could not be computed: {0}</source>
        <translation>Die Prognosen konnten nicht berechnet werden: {0}</translation>
    </message>
    <message>
        <source>Recorded. It was made after the period started, and is marked so.</source>
        <translation>Erfasst. Sie wurde nach Beginn des Zeitraums abgegeben und ist so markiert.</translation>
    </message>
    <message>
        <source>Recorded.</source>
        <translation>Erfasst.</translation>
    </message>
    <message>
        <source>Forecast deleted. Edit &gt; Undo brings it back.</source>
        <translation>Prognose gelöscht. Bearbeiten &gt; Rückgängig holt sie zurück.</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>{0} to {1} pp</source>
        <translation>{0} bis {1} pp</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <translation>ddd, d. MMM</translation>
    </message>
    <message>
        <source>d MMM</source>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
</context>
<context>
    <name>FunnelChart</name>
    <message>
        <source>Opportunities that reached the stage</source>
        <translation>Verkaufschancen, die die Stufe erreichten</translation>
    </message>
    <message>
        <source>Opportunities per stage</source>
        <translation>Verkaufschancen je Stufe</translation>
    </message>
    <message>
        <source>Stage funnel</source>
        <translation>Stufentrichter</translation>
    </message>
    <message>
        <source>No opportunities in this scope and range yet.</source>
        <translation>In diesem Umfang und Zeitraum noch keine Verkaufschancen.</translation>
    </message>
    <message>
        <source>  ·  {0} of previous</source>
        <translation>  ·  {0} der vorigen</translation>
    </message>
    <message>
        <source>, {0} of first</source>
        <translation>, {0} der ersten</translation>
    </message>
    <message>
        <source>Opportunities by the first time they entered each stage; {0} of {1} reached “{2}” ({3}).</source>
        <translation>Verkaufschancen nach dem ersten Eintritt in jede Stufe; {0} von {1} erreichten „{2}“ ({3}).</translation>
    </message>
</context>
<context>
    <name>Glossary</name>
    <message>
        <source>What does this mean? (glossary)</source>
        <translation>Was bedeutet das? (Glossar)</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <source>PDSA cycle</source>
        <extracomment>Keys of related entries, shown as links.</extracomment>
        <translation>PDSA-Zyklus</translation>
    </message>
    <message>
        <source>Plan, Do, Study, Act: one small, planned experiment. Plan: the question, the change, who tries it, for how long, and a numeric prediction. Do: try it and keep a log of what happened. Study: compare the results with the baseline and with the prediction. Act: adopt the change as standard work, adapt it and test again, or abandon it.</source>
        <translation>Plan, Do, Study, Act: ein kleines, geplantes Experiment. Plan: die Frage, die Änderung, wer sie ausprobiert, wie lange, und eine zahlenmäßige Vorhersage. Do: ausprobieren und festhalten, was geschah. Study: die Ergebnisse mit der Basislinie und der Vorhersage vergleichen. Act: die Änderung als Standardarbeit übernehmen, anpassen und erneut testen oder aufgeben.</translation>
    </message>
    <message>
        <source>Standard (observable)</source>
        <translation>Standard (beobachtbar)</translation>
    </message>
    <message>
        <source>What must be true for an opportunity to be in a stage, written as something the customer did and anyone could check: “the customer shared a budget range in writing”, not “the deal is qualified”. A change to a standard changes what the numbers mean, so every change is kept as a revision and marked on the charts.</source>
        <translation>Was gelten muss, damit eine Verkaufschance in einer Stufe ist – formuliert als etwas, das der Kunde getan hat und das jeder prüfen kann: „Der Kunde hat einen Budgetrahmen schriftlich genannt“, nicht „Der Deal ist qualifiziert“. Eine Änderung des Standards ändert die Bedeutung der Zahlen; deshalb wird jede Änderung als Revision aufbewahrt und in den Diagrammen markiert.</translation>
    </message>
    <message>
        <source>Evidence checklist</source>
        <translation>Nachweis-Checkliste</translation>
    </message>
    <message>
        <source>The items a rep ticks when moving a card into a stage: the evidence that the customer did what the stage&apos;s standard says. What was ticked is recorded with the move.</source>
        <translation>Die Punkte, die ein Vertriebler abhakt, wenn er eine Karte in eine Stufe verschiebt: der Nachweis, dass der Kunde getan hat, was der Standard der Stufe verlangt. Was abgehakt wurde, wird mit der Verschiebung gespeichert.</translation>
    </message>
    <message>
        <source>Stage and transition</source>
        <translation>Stufe und Übergang</translation>
    </message>
    <message>
        <source>A stage is a step of the customer&apos;s journey (Lead captured, Discovery held, Budget shared …). A transition is the step from one stage to the next; its conversion is the share of opportunities that entered the first stage and reached the next one within the conversion window.</source>
        <translation>Eine Stufe ist ein Schritt auf dem Weg des Kunden (Lead erfasst, Erstgespräch geführt, Budget genannt …). Ein Übergang ist der Schritt von einer Stufe zur nächsten; seine Konversion ist der Anteil der Verkaufschancen, die in die erste Stufe eingetreten sind und die nächste innerhalb des Konversionsfensters erreicht haben.</translation>
    </message>
    <message>
        <source>Conversion window</source>
        <translation>Konversionsfenster</translation>
    </message>
    <message>
        <source>How long after entering a stage an opportunity may still reach the next stage and count as converted (for example 30 days). Each stage has its own; the workspace settings hold the default for new stages. A week whose window has not ended yet is not final: its point is hollow and kept out of the rules.</source>
        <translation>Wie lange nach dem Eintritt in eine Stufe eine Verkaufschance die nächste Stufe noch erreichen und als konvertiert zählen kann (zum Beispiel 30 Tage). Jede Stufe hat ihr eigenes; die Arbeitsbereichseinstellungen enthalten den Standardwert für neue Stufen. Eine Woche, deren Fenster noch nicht abgelaufen ist, ist nicht endgültig: Ihr Punkt ist hohl und zählt für die Regeln nicht.</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>Kohorte</translation>
    </message>
    <message>
        <source>The opportunities that entered a stage in the same week (or month). A conversion chart has one point per cohort: the share of that cohort that converted within the window. A cohort whose window is still open is shown hollow.</source>
        <translation>Die Verkaufschancen, die in derselben Woche (oder demselben Monat) in eine Stufe eingetreten sind. Ein Konversionsdiagramm hat einen Punkt je Kohorte: den Anteil dieser Kohorte, der innerhalb des Fensters konvertiert ist. Eine Kohorte, deren Fenster noch offen ist, wird hohl dargestellt.</translation>
    </message>
    <message>
        <source>WIP limit</source>
        <translation>WIP-Limit</translation>
    </message>
    <message>
        <source>Work in progress: how many open opportunities a stage may hold at once. Above the limit the Board&apos;s column header turns orange and the agenda lists the stage. A limit keeps the team finishing work instead of starting more.</source>
        <translation>Work in Progress (laufende Arbeit): wie viele offene Verkaufschancen eine Stufe gleichzeitig enthalten darf. Über dem Limit wird der Spaltenkopf im Board orange und die Agenda führt die Stufe auf. Ein Limit sorgt dafür, dass das Team Arbeit abschließt, statt immer mehr anzufangen.</translation>
    </message>
    <message>
        <source>Tactic</source>
        <translation>Taktik</translation>
    </message>
    <message>
        <source>Something a seller does differently, aimed at one stage (“send an agenda before the discovery call”). A tactic is an idea until a PDSA cycle tests it; adopted, it becomes standard work; it can be retired.</source>
        <translation>Etwas, das ein Verkäufer anders macht, gerichtet auf eine Stufe („vor dem Erstgespräch eine Agenda schicken“). Eine Taktik ist eine Idee, bis ein PDSA-Zyklus sie testet; übernommen wird sie Standardarbeit; sie kann außer Dienst gestellt werden.</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>The conversion rate the team expects with the change, written down before the cycle starts. Comparing the result with it is how a team learns how good its expectations are.</source>
        <translation>Die Konversionsrate, die das Team mit der Änderung erwartet, aufgeschrieben bevor der Zyklus beginnt. Am Vergleich des Ergebnisses damit lernt ein Team, wie gut seine Erwartungen sind.</translation>
    </message>
    <message>
        <source>Ramp of cycles</source>
        <translation>Zyklus-Rampe</translation>
    </message>
    <message>
        <source>A series of linked PDSA cycles: when a cycle is adapted, the next one tests the adapted change, often with more reps or for longer. A ramp starts after its parent&apos;s Adapt decision.</source>
        <translation>Eine Folge verknüpfter PDSA-Zyklen: Wird ein Zyklus angepasst, testet der nächste die angepasste Änderung, oft mit mehr Vertrieblern oder länger. Ein Folgezyklus beginnt nach der Entscheidung „Anpassen“ seines Vorgängers.</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Basislinie</translation>
    </message>
    <message>
        <source>The conversion before the change, to which a cycle&apos;s results are compared. On a chart a team can freeze a baseline: the centre line and limits of that period are then carried forward.</source>
        <translation>Die Konversion vor der Änderung, mit der die Ergebnisse eines Zyklus verglichen werden. In einem Diagramm kann ein Team eine Basislinie einfrieren: Mittellinie und Grenzen dieses Zeitraums werden dann fortgeschrieben.</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>A part of a chart with its own centre line and limits, started when something changed the process for good (a tactic became standard work). Signals are judged against the phase they fall in.</source>
        <translation>Ein Abschnitt eines Diagramms mit eigener Mittellinie und eigenen Grenzen, begonnen, wenn sich der Prozess dauerhaft geändert hat (eine Taktik wurde Standardarbeit). Signale werden an der Phase gemessen, in die sie fallen.</translation>
    </message>
    <message>
        <source>Run chart and median</source>
        <translation>Verlaufsdiagramm und Median</translation>
    </message>
    <message>
        <source>The points in time order with their median. It makes no assumptions about the data: rules about runs (points on one side of the median) tell a real change from week-to-week noise.</source>
        <translation>Die Punkte in zeitlicher Reihenfolge mit ihrem Median. Es setzt nichts über die Daten voraus: Regeln über Läufe (Punkte auf einer Seite des Medians) unterscheiden eine echte Veränderung vom Rauschen von Woche zu Woche.</translation>
    </message>
    <message>
        <source>Anhøj rules</source>
        <translation>Anhøj-Regeln</translation>
    </message>
    <message>
        <source>Two rules for run charts: a run on one side of the median that is longer than expected, or fewer crossings of the median than expected for this many points. Either means the process has probably shifted. They raise few false alarms.</source>
        <translation>Zwei Regeln für Verlaufsdiagramme: ein Lauf auf einer Seite des Medians, der länger ist als erwartet, oder weniger Kreuzungen des Medians, als bei so vielen Punkten zu erwarten sind. Beides bedeutet, dass sich der Prozess wahrscheinlich verschoben hat. Sie lösen wenige Fehlalarme aus.</translation>
    </message>
    <message>
        <source>IHI rules</source>
        <translation>IHI-Regeln</translation>
    </message>
    <message>
        <source>The Institute for Healthcare Improvement&apos;s run-chart rules: a shift (six or more points on one side of the median), a trend (five or more rising or falling), too few or too many runs, and an astronomical point.</source>
        <translation>Die Verlaufsdiagramm-Regeln des Institute for Healthcare Improvement: eine Verschiebung (sechs oder mehr Punkte auf einer Seite des Medians), ein Trend (fünf oder mehr steigend oder fallend), zu wenige oder zu viele Läufe und ein astronomischer Punkt.</translation>
    </message>
    <message>
        <source>Control limits and P chart</source>
        <translation>Eingriffsgrenzen und P-Karte</translation>
    </message>
    <message>
        <source>A P chart shows each cohort&apos;s conversion with limits three standard errors either side of the centre line. The limits are wider for small cohorts. A point outside them, or a run of points on one side, is a signal: something other than chance is at work.</source>
        <translation>Eine P-Karte zeigt die Konversion jeder Kohorte mit Grenzen drei Standardfehler ober- und unterhalb der Mittellinie. Für kleine Kohorten sind die Grenzen weiter. Ein Punkt außerhalb davon oder ein Lauf von Punkten auf einer Seite ist ein Signal: Hier wirkt etwas anderes als der Zufall.</translation>
    </message>
    <message>
        <source>Laney P′ chart</source>
        <translation>Laney-P′-Karte</translation>
    </message>
    <message>
        <source>A P chart whose limits are widened by the variation actually seen between cohorts. With large cohorts a plain P chart&apos;s limits become so narrow that almost every point looks like a signal; P′ corrects that. When the data show no extra variation it is the same as the P chart.</source>
        <translation>Eine P-Karte, deren Grenzen um die tatsächlich zwischen den Kohorten beobachtete Streuung erweitert sind. Bei großen Kohorten werden die Grenzen einer einfachen P-Karte so eng, dass fast jeder Punkt wie ein Signal aussieht; P′ korrigiert das. Zeigen die Daten keine zusätzliche Streuung, ist sie gleich der P-Karte.</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>A point or a pattern that chance alone would rarely produce: a sign that the process changed. Signals are marked by colour and shape. With too few data the chart shows none and says why.</source>
        <translation>Ein Punkt oder Muster, das der Zufall allein selten hervorbrächte: ein Zeichen, dass sich der Prozess geändert hat. Signale werden durch Farbe und Form markiert. Bei zu wenigen Daten zeigt das Diagramm keine und sagt, warum.</translation>
    </message>
    <message>
        <source>Small-sample guard</source>
        <translation>Schutz bei kleinen Stichproben</translation>
    </message>
    <message>
        <source>Below a minimum of useful points, or of expected conversions per period, rules and limits would mislead. The chart then says so in one sentence, offers a longer period or a larger group, and marks no signal.</source>
        <translation>Unterhalb einer Mindestzahl brauchbarer Punkte oder erwarteter Konversionen je Zeitraum würden Regeln und Grenzen in die Irre führen. Das Diagramm sagt das dann in einem Satz, bietet einen längeren Zeitraum oder eine größere Gruppe an und markiert kein Signal.</translation>
    </message>
    <message>
        <source>Interval (Wilson, Newcombe)</source>
        <translation>Intervall (Wilson, Newcombe)</translation>
    </message>
    <message>
        <source>The range in which the true rate probably lies, given how many customers were counted (95 %). A rate from 12 customers has a wide interval, one from 1,000 a narrow one. A difference between two rates has its own interval (Newcombe&apos;s); when it excludes zero, chance alone is an unlikely explanation.</source>
        <translation>Der Bereich, in dem die wahre Rate wahrscheinlich liegt, je nachdem, wie viele Kunden gezählt wurden (95 %). Eine Rate aus 12 Kunden hat ein weites Intervall, eine aus 1.000 ein enges. Ein Unterschied zwischen zwei Raten hat sein eigenes Intervall (nach Newcombe); schließt es null aus, ist Zufall allein eine unwahrscheinliche Erklärung.</translation>
    </message>
    <message>
        <source>Study verdict</source>
        <translation>Urteil der Auswertung</translation>
    </message>
    <message>
        <source>The sentence at the top of a cycle&apos;s Study: better, looks better but could be chance, no detectable change, worse, or too early (fewer customers than the minimum sample). It comes from the interval of the difference and the prediction, and reads the same on screen, in the agenda and in the PDF.</source>
        <translation>Der Satz oben im Study-Reiter eines Zyklus: besser, sieht besser aus, könnte aber Zufall sein, keine erkennbare Änderung, schlechter, oder zu früh (weniger Kunden als die Mindeststichprobe). Er folgt aus dem Intervall des Unterschieds und der Vorhersage und lautet auf dem Bildschirm, in der Agenda und im PDF gleich.</translation>
    </message>
    <message>
        <source>Forest plot</source>
        <translation>Forest-Plot</translation>
    </message>
    <message>
        <source>One row per rep: the rep&apos;s conversion as a point and its interval as a line, beside the team&apos;s rate. Long lines mean few customers. The reps are listed by name, never ranked.</source>
        <translation>Eine Zeile je Vertriebler: seine Konversion als Punkt und ihr Intervall als Linie, neben der Rate des Teams. Lange Linien bedeuten wenige Kunden. Die Vertriebler stehen nach Namen, nie nach Rang.</translation>
    </message>
    <message>
        <source>Funnel plot</source>
        <translation>Funnel-Plot</translation>
    </message>
    <message>
        <source>Each rep&apos;s conversion against the number of customers counted, with limits that narrow as the number grows: the funnel. A rep inside the funnel differs from the team by no more than chance would make; outside the 99.8 % limits is worth a conversation, not a verdict.</source>
        <translation>Die Konversion jedes Vertrieblers gegen die Zahl der gezählten Kunden, mit Grenzen, die mit wachsender Zahl enger werden: der Trichter. Wer im Trichter liegt, weicht vom Team nicht mehr ab, als der Zufall es täte; außerhalb der 99,8-%-Grenzen ist ein Gespräch wert, kein Urteil.</translation>
    </message>
    <message>
        <source>Over-dispersion</source>
        <translation>Überdispersion</translation>
    </message>
    <message>
        <source>More variation between reps (or weeks) than chance alone explains, for example because territories differ. The funnel plot can widen its limits by it, so that only reps who stand out from that ordinary variation are outside.</source>
        <translation>Mehr Streuung zwischen Vertrieblern (oder Wochen), als der Zufall allein erklärt, zum Beispiel weil sich Gebiete unterscheiden. Der Funnel-Plot kann seine Grenzen darum erweitern, sodass nur außerhalb liegt, wer aus dieser gewöhnlichen Streuung heraussticht.</translation>
    </message>
    <message>
        <source>Stage funnel</source>
        <translation>Stufen-Trichter</translation>
    </message>
    <message>
        <source>How many opportunities reached each stage, and the share that went on to the next one.</source>
        <translation>Wie viele Verkaufschancen jede Stufe erreicht haben und welcher Anteil zur nächsten weiterging.</translation>
    </message>
    <message>
        <source>Cumulative flow diagram</source>
        <translation>Kumulatives Flussdiagramm</translation>
    </message>
    <message>
        <source>For each stage, a line of how many opportunities have entered it so far. The band between two lines is the work in that stage; a widening band means work piles up there.</source>
        <translation>Für jede Stufe eine Linie, wie viele Verkaufschancen bisher in sie eingetreten sind. Das Band zwischen zwei Linien ist die Arbeit in dieser Stufe; ein breiter werdendes Band bedeutet, dass sich dort Arbeit staut.</translation>
    </message>
    <message>
        <source>Time in stage</source>
        <translation>Zeit in der Stufe</translation>
    </message>
    <message>
        <source>How long opportunities stayed in each stage before they moved on or closed: the spread, not only the average. Long tails show where deals get stuck.</source>
        <translation>Wie lange Verkaufschancen in jeder Stufe blieben, bevor sie weitergingen oder abgeschlossen wurden: die Streuung, nicht nur der Durchschnitt. Lange Ausläufer zeigen, wo Deals hängen bleiben.</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <source>Search the glossary</source>
        <translation>Glossar durchsuchen</translation>
    </message>
    <message>
        <source>No entry matches.</source>
        <translation>Kein Eintrag passt.</translation>
    </message>
    <message>
        <source>See also:</source>
        <translation>Siehe auch:</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of {0}</source>
        <translation>Verlauf von {0}</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>Eingetreten</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Evidence seen</source>
        <translation>Gesehene Nachweise</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Erfasst von</translation>
    </message>
    <message>
        <source>WIP limit</source>
        <translation>WIP-Limit</translation>
    </message>
    <message>
        <source>No stage moves recorded yet.</source>
        <translation>Noch keine Stufenwechsel erfasst.</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>comma</source>
        <translation>Komma</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>Semikolon</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>vertical bar</source>
        <translation>senkrechter Strich</translation>
    </message>
    <message>
        <source>The column names are on row %2: the %1 row above them was skipped (%3).</source>
        <translation>Die Spaltennamen stehen in Zeile %2: Die %1 Zeile darüber wurde übersprungen (%3).</translation>
    </message>
    <message>
        <source>The column names are on row %2: the %1 rows above them were skipped (%3).</source>
        <translation>Die Spaltennamen stehen in Zeile %2: Die %1 Zeilen darüber wurden übersprungen (%3).</translation>
    </message>
    <message>
        <source>The column names are on row %2: the %1 row above them was skipped.</source>
        <translation>Die Spaltennamen stehen in Zeile %2: Die %1 Zeile darüber wurde übersprungen.</translation>
    </message>
    <message>
        <source>The column names are on row %2: the %1 rows above them were skipped.</source>
        <translation>Die Spaltennamen stehen in Zeile %2: Die %1 Zeilen darüber wurden übersprungen.</translation>
    </message>
    <message>
        <source>The file is not valid %1 text here.</source>
        <translation>Die Datei ist hier kein gültiger %1-Text.</translation>
    </message>
    <message>
        <source>The file cannot be read as CSV here: %1.</source>
        <translation>Die Datei kann hier nicht als CSV gelesen werden: %1.</translation>
    </message>
    <message>
        <source>Unknown text encoding &apos;%1&apos;.</source>
        <translation>Unbekannte Textkodierung „%1“.</translation>
    </message>
    <message>
        <source>The file is not UTF-8 (first non-UTF-8 byte on line %1); it was read as %2. Check that accented names look right.</source>
        <translation>Die Datei ist nicht UTF-8 (erstes Nicht-UTF-8-Byte in Zeile %1); sie wurde als %2 gelesen. Prüfen Sie, ob Namen mit Umlauten und Akzenten richtig aussehen.</translation>
    </message>
    <message>
        <source>The file has fewer than %1 rows.</source>
        <translation>Die Datei hat weniger als %1 Zeilen.</translation>
    </message>
    <message>
        <source>%1-separated, %2</source>
        <translation>getrennt durch %1, %2</translation>
    </message>
    <message>
        <source>%1 is larger than this app reads from a workbook: it unpacks to %2 MiB (at most %3 MiB). Export it as CSV instead.</source>
        <translation>%1 ist größer, als diese App aus einer Arbeitsmappe liest: Entpackt sind es %2 MiB (höchstens %3 MiB). Exportieren Sie sie stattdessen als CSV.</translation>
    </message>
    <message>
        <source>%1 is larger than this app reads from a workbook: its part %2 unpacks %3 times larger than it is stored (at most %4), as a crafted file does. Export it as CSV instead.</source>
        <translation>%1 ist größer, als diese App aus einer Arbeitsmappe liest: Ihr Teil %2 wird entpackt %3-mal so groß wie gespeichert (höchstens %4), wie bei einer manipulierten Datei. Exportieren Sie sie stattdessen als CSV.</translation>
    </message>
    <message>
        <source>%1 is larger than this app reads from a workbook: its shared text is %2 MiB (at most %3 MiB). Export it as CSV instead.</source>
        <translation>%1 ist größer, als diese App aus einer Arbeitsmappe liest: Ihr gemeinsamer Text umfasst %2 MiB (höchstens %3 MiB). Exportieren Sie sie stattdessen als CSV.</translation>
    </message>
    <message>
        <source>%1 is larger than this app reads from a workbook: a sheet declares %2 rows × %3 columns (at most %4 cells). Export it as CSV instead.</source>
        <translation>%1 ist größer, als diese App aus einer Arbeitsmappe liest: Ein Blatt gibt %2 Zeilen × %3 Spalten an (höchstens %4 Zellen). Exportieren Sie sie stattdessen als CSV.</translation>
    </message>
    <message>
        <source>%1 is not an Excel .xlsx workbook (%2).</source>
        <translation>%1 ist keine Excel-Arbeitsmappe (.xlsx) (%2).</translation>
    </message>
    <message>
        <source>The workbook has no sheets.</source>
        <translation>Die Arbeitsmappe hat keine Blätter.</translation>
    </message>
    <message>
        <source>The workbook has no sheet &apos;%1&apos; (sheets: %2).</source>
        <translation>Die Arbeitsmappe hat kein Blatt „%1“ (Blätter: %2).</translation>
    </message>
    <message>
        <source>Read the sheet &apos;%1&apos;.</source>
        <translation>Das Blatt „%1“ wurde gelesen.</translation>
    </message>
    <message>
        <source>The sheet is empty.</source>
        <translation>Das Blatt ist leer.</translation>
    </message>
    <message>
        <source>The sheet has fewer than %1 rows.</source>
        <translation>Das Blatt hat weniger als %1 Zeilen.</translation>
    </message>
    <message>
        <source>The workbook cannot be read (%1).</source>
        <translation>Die Arbeitsmappe kann nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <source>The workbook cannot be read here (%1).</source>
        <translation>Die Arbeitsmappe kann hier nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel-Arbeitsmappe</translation>
    </message>
    <message>
        <source>The header row is empty: the first row must name the columns.</source>
        <translation>Die Kopfzeile ist leer: Die erste Zeile muss die Spalten benennen.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Es gibt keine Datei %1.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>Old Excel .xls files cannot be read: save the sheet as .xlsx or CSV.</source>
        <translation>Alte Excel-Dateien (.xls) können nicht gelesen werden: Speichern Sie das Blatt als .xlsx oder CSV.</translation>
    </message>
    <message>
        <source>%1 is not a text table (it looks like %2): export the report from the CRM as CSV or Excel .xlsx.</source>
        <translation>%1 ist keine Texttabelle (es sieht aus wie %2): Exportieren Sie den Bericht aus dem CRM als CSV oder Excel-.xlsx.</translation>
    </message>
    <message>
        <source>%1 is not an Excel .xlsx workbook (it is not a zip archive).</source>
        <translation>%1 ist keine Excel-Arbeitsmappe (.xlsx) (es ist kein ZIP-Archiv).</translation>
    </message>
    <message>
        <source>%1 is a zip archive but not an Excel .xlsx workbook (there is no workbook in it): export the report from the CRM as CSV or Excel .xlsx, or unpack the archive first.</source>
        <translation>%1 ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe (.xlsx) (es enthält keine Arbeitsmappe): Exportieren Sie den Bericht aus dem CRM als CSV oder Excel-.xlsx, oder entpacken Sie das Archiv zuerst.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>is too long (%1 characters; at most %2)</source>
        <translation>ist zu lang (%1 Zeichen; höchstens %2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an e-mail address</source>
        <translation>„%1“ ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>amount %1</source>
        <translation>Betrag %1</translation>
    </message>
    <message>
        <source>the opportunity id is missing</source>
        <translation>die ID der Verkaufschance fehlt</translation>
    </message>
    <message>
        <source>the opportunity id is too long (at most 200)</source>
        <translation>die ID der Verkaufschance ist zu lang (höchstens 200)</translation>
    </message>
    <message>
        <source>the source is too long (at most 200)</source>
        <translation>die Quelle ist zu lang (höchstens 200)</translation>
    </message>
    <message>
        <source>has %1 values but the header names %2 columns (a delimiter or quote inside a value?)</source>
        <translation>hat %1 Werte, aber die Kopfzeile nennt %2 Spalten (ein Trennzeichen oder Anführungszeichen in einem Wert?)</translation>
    </message>
    <message>
        <source>row %1: &apos;%2&apos;</source>
        <translation>Zeile %1: „%2“</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 und %2 weitere</translation>
    </message>
    <message>
        <source>%1 line after the data looks like a report footer and was skipped (%2).</source>
        <translation>%1 Zeile nach den Daten sieht wie die Fußzeile eines Berichts aus und wurde übersprungen (%2).</translation>
    </message>
    <message>
        <source>%1 lines after the data look like a report footer and were skipped (%2).</source>
        <translation>%1 Zeilen nach den Daten sehen wie die Fußzeile eines Berichts aus und wurden übersprungen (%2).</translation>
    </message>
    <message>
        <source>is not in the file&apos;s header (mapped to %1)</source>
        <translation>steht nicht in der Kopfzeile der Datei (zugeordnet: %1)</translation>
    </message>
    <message>
        <source>appears %1 times in the header; rename one of them</source>
        <translation>kommt %1-mal in der Kopfzeile vor; benennen Sie eine davon um</translation>
    </message>
    <message>
        <source>the date entered stage &apos;%1&apos;</source>
        <translation>Eintrittsdatum in die Stufe „%1“</translation>
    </message>
    <message>
        <source>amount &apos;%1&apos; has a decimal point, but row %2 has &apos;%3&apos; with a decimal comma: one file uses one convention. Say which with &quot;decimal&quot; in the mapping (&quot;.&quot; or &quot;,&quot;), or --decimal.</source>
        <translation>Betrag „%1“ hat einen Dezimalpunkt, aber Zeile %2 hat „%3“ mit Dezimalkomma: Eine Datei folgt einer Schreibweise. Geben Sie sie mit &quot;decimal&quot; in der Zuordnung an (&quot;.&quot; oder &quot;,&quot;) oder mit --decimal.</translation>
    </message>
    <message>
        <source>amount &apos;%1&apos; reads as %2 with a decimal point but %3 with a decimal comma, and no amount in the file tells which</source>
        <translation>Betrag „%1“ ist mit Dezimalpunkt %2, mit Dezimalkomma aber %3, und kein Betrag in der Datei zeigt, welche Schreibweise gilt</translation>
    </message>
    <message>
        <source>… %1 more such amount.</source>
        <translation>… %1 weiterer solcher Betrag.</translation>
    </message>
    <message>
        <source>… %1 more such amounts.</source>
        <translation>… %1 weitere solche Beträge.</translation>
    </message>
    <message>
        <source>Say how the file writes decimals: &quot;decimal&quot;: &quot;.&quot; or &quot;,&quot; in the mapping, or --decimal.</source>
        <translation>Geben Sie an, wie die Datei Dezimalstellen schreibt: &quot;decimal&quot;: &quot;.&quot; oder &quot;,&quot; in der Zuordnung, oder --decimal.</translation>
    </message>
    <message>
        <source>a decimal comma and &apos;.&apos; between thousands</source>
        <translation>einem Dezimalkomma und „.“ zwischen den Tausendern</translation>
    </message>
    <message>
        <source>a decimal point and &apos;,&apos; between thousands</source>
        <translation>einem Dezimalpunkt und „,“ zwischen den Tausendern</translation>
    </message>
    <message>
        <source>Amounts were read with %1, as the mapping says.</source>
        <translation>Beträge wurden mit %1 gelesen, wie die Zuordnung es angibt.</translation>
    </message>
    <message>
        <source>Amounts were read with %1, as the file&apos;s amounts show.</source>
        <translation>Beträge wurden mit %1 gelesen, wie die Beträge der Datei zeigen.</translation>
    </message>
    <message>
        <source>Amounts were read with %1, as the file&apos;s amounts show (row %2 has &apos;%3&apos;).</source>
        <translation>Beträge wurden mit %1 gelesen, wie die Beträge der Datei zeigen (Zeile %2 hat „%3“).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number written with a decimal point (the mapping&apos;s &quot;decimal&quot;)</source>
        <translation>„%1“ ist keine mit Dezimalpunkt geschriebene Zahl (&quot;decimal&quot; der Zuordnung)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number written with a decimal comma (the mapping&apos;s &quot;decimal&quot;)</source>
        <translation>„%1“ ist keine mit Dezimalkomma geschriebene Zahl (&quot;decimal&quot; der Zuordnung)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is negative (amounts must be zero or more)</source>
        <translation>„%1“ ist negativ (Beträge müssen null oder größer sein)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time zone name (an IANA name such as Europe/Berlin or America/New_York)</source>
        <translation>„%1“ ist kein Zeitzonenname (ein IANA-Name wie Europe/Berlin oder America/New_York)</translation>
    </message>
    <message>
        <source>Times without a time zone were read as %1 time (a time with an offset such as Z or +02:00 keeps it).</source>
        <translation>Zeiten ohne Zeitzone wurden als Zeit in %1 gelesen (eine Zeit mit Versatz wie Z oder +02:00 behält ihn).</translation>
    </message>
    <message>
        <source>%1 time fell in the hour that happens twice when summer time ends (first: row %2, %3); it was read as the first of the two (summer time).</source>
        <translation>%1 Zeit fiel in die Stunde, die es am Ende der Sommerzeit zweimal gibt (erste: Zeile %2, %3); sie wurde als die erste der beiden gelesen (Sommerzeit).</translation>
    </message>
    <message>
        <source>%1 times fell in the hour that happens twice when summer time ends (first: row %2, %3); they were read as the first of the two (summer time).</source>
        <translation>%1 Zeiten fielen in die Stunde, die es am Ende der Sommerzeit zweimal gibt (erste: Zeile %2, %3); sie wurden als die erste der beiden gelesen (Sommerzeit).</translation>
    </message>
    <message>
        <source>%1 time fell in the hour skipped when summer time starts (first: row %2, %3); it was read with the offset before the change (02:30 becomes 03:30 summer time).</source>
        <translation>%1 Zeit fiel in die Stunde, die am Beginn der Sommerzeit übersprungen wird (erste: Zeile %2, %3); sie wurde mit dem Versatz vor der Umstellung gelesen (02:30 wird 03:30 Sommerzeit).</translation>
    </message>
    <message>
        <source>%1 times fell in the hour skipped when summer time starts (first: row %2, %3); they were read with the offset before the change (02:30 becomes 03:30 summer time).</source>
        <translation>%1 Zeiten fielen in die Stunde, die am Beginn der Sommerzeit übersprungen wird (erste: Zeile %2, %3); sie wurden mit dem Versatz vor der Umstellung gelesen (02:30 wird 03:30 Sommerzeit).</translation>
    </message>
    <message>
        <source>The workspace could not be written (%1); nothing was imported. If another window is saving, try again.</source>
        <translation>Der Arbeitsbereich konnte nicht geschrieben werden (%1); nichts wurde importiert. Wenn ein anderes Fenster gerade speichert, versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Reading row %1…</source>
        <translation>Zeile %1 wird gelesen…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>The rejected rows could not be written to %1: %2</source>
        <translation>Die abgewiesenen Zeilen konnten nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The mapping does not say which column holds: %1.</source>
        <translation>Die Zuordnung sagt nicht, welche Spalte Folgendes enthält: %1.</translation>
    </message>
    <message>
        <source>the stage is missing</source>
        <translation>die Stufe fehlt</translation>
    </message>
    <message>
        <source>the stage name is too long (at most 200)</source>
        <translation>der Stufenname ist zu lang (höchstens 200)</translation>
    </message>
    <message>
        <source>the stage change time is missing</source>
        <translation>der Zeitpunkt des Stufenwechsels fehlt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a whole number</source>
        <translation>„%1“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is negative</source>
        <translation>„%1“ ist negativ</translation>
    </message>
    <message>
        <source>opportunity id</source>
        <translation>ID der Verkaufschance</translation>
    </message>
    <message>
        <source>opportunity name</source>
        <translation>Name der Verkaufschance</translation>
    </message>
    <message>
        <source>rep (owner)</source>
        <translation>Vertriebler (Verantwortlicher)</translation>
    </message>
    <message>
        <source>rep e-mail</source>
        <translation>E-Mail des Vertrieblers</translation>
    </message>
    <message>
        <source>team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>stage change time</source>
        <translation>Zeitpunkt des Stufenwechsels</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>loss reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>created date</source>
        <translation>Erstellungsdatum</translation>
    </message>
    <message>
        <source>close date</source>
        <translation>Abschlussdatum</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>stage position</source>
        <translation>Stufenposition</translation>
    </message>
    <message>
        <source>evidence confirmed</source>
        <translation>Nachweis bestätigt</translation>
    </message>
    <message>
        <source>evidence items</source>
        <translation>Nachweispunkte</translation>
    </message>
    <message>
        <source>stage date columns</source>
        <translation>Stufendatumsspalten</translation>
    </message>
    <message>
        <source>last modified date</source>
        <translation>letzte Änderung</translation>
    </message>
    <message>
        <source>A mapping must be a JSON object like {&quot;shape&quot;: &quot;long&quot;, …}.</source>
        <translation>Eine Zuordnung muss ein JSON-Objekt sein, etwa {&quot;shape&quot;: &quot;long&quot;, …}.</translation>
    </message>
    <message>
        <source>Unknown mapping key &apos;%1&apos;.</source>
        <translation>Unbekannter Schlüssel „%1“ in der Zuordnung.</translation>
    </message>
    <message>
        <source>The mapping is not valid JSON: %1.</source>
        <translation>Die Zuordnung ist kein gültiges JSON: %1.</translation>
    </message>
    <message>
        <source>Cannot read the mapping %1: %2.</source>
        <translation>Die Zuordnung %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>shape must be &quot;long&quot; or &quot;wide&quot; (got %1).</source>
        <translation>shape muss &quot;long&quot; oder &quot;wide&quot; sein (erhalten: %1).</translation>
    </message>
    <message>
        <source>%1 must be a column name (text) or null.</source>
        <translation>%1 muss ein Spaltenname (Text) oder null sein.</translation>
    </message>
    <message>
        <source>stage_dates must map column names to stage names.</source>
        <translation>stage_dates muss Spaltennamen Stufennamen zuordnen.</translation>
    </message>
    <message>
        <source>outcome_values must map CRM values to &quot;open&quot;, &quot;won&quot; or &quot;lost&quot;.</source>
        <translation>outcome_values muss CRM-Werte &quot;open&quot;, &quot;won&quot; oder &quot;lost&quot; zuordnen.</translation>
    </message>
    <message>
        <source>date_order must be &quot;dayfirst&quot;, &quot;monthfirst&quot; or null.</source>
        <translation>date_order muss &quot;dayfirst&quot;, &quot;monthfirst&quot; oder null sein.</translation>
    </message>
    <message>
        <source>delimiter must be one character, e.g. &quot;;&quot; or &quot;\t&quot;.</source>
        <translation>delimiter muss ein einzelnes Zeichen sein, z. B. &quot;;&quot; oder &quot;\t&quot;.</translation>
    </message>
    <message>
        <source>create_stages must be true or false.</source>
        <translation>create_stages muss true oder false sein.</translation>
    </message>
    <message>
        <source>keep_repeated_stages must be true or false.</source>
        <translation>keep_repeated_stages muss true oder false sein.</translation>
    </message>
    <message>
        <source>header_row must be a whole number from 1, or null (found in the file).</source>
        <translation>header_row muss eine ganze Zahl ab 1 sein, oder null (in der Datei gesucht).</translation>
    </message>
    <message>
        <source>decimal must be &quot;.&quot; (1,234.50) or &quot;,&quot; (1.234,50), or null (decided from the file&apos;s amounts).</source>
        <translation>decimal muss &quot;.&quot; (1,234.50) oder &quot;,&quot; (1.234,50) sein, oder null (aus den Beträgen der Datei bestimmt).</translation>
    </message>
    <message>
        <source>timezone must be an IANA time zone name such as &quot;Europe/Berlin&quot;.</source>
        <translation>timezone muss ein IANA-Zeitzonenname wie &quot;Europe/Berlin&quot; sein.</translation>
    </message>
    <message>
        <source>source must be at most 200 characters.</source>
        <translation>source darf höchstens 200 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>A stage map must be a JSON object like {&quot;CRM stage&quot;: &quot;Workspace stage&quot;}.</source>
        <translation>Eine Stufenzuordnung muss ein JSON-Objekt sein, etwa {&quot;CRM stage&quot;: &quot;Workspace stage&quot;}.</translation>
    </message>
    <message>
        <source>Stage map keys must be CRM stage names.</source>
        <translation>Die Schlüssel einer Stufenzuordnung müssen CRM-Stufennamen sein.</translation>
    </message>
    <message>
        <source>Stage map entry &apos;%1&apos;: use {&quot;create&quot;: true, &quot;position&quot;: N} (optional &quot;name&quot;, &quot;terminal&quot;: &quot;won&quot;).</source>
        <translation>Eintrag „%1“ der Stufenzuordnung: Verwenden Sie {&quot;create&quot;: true, &quot;position&quot;: N} (optional &quot;name&quot;, &quot;terminal&quot;: &quot;won&quot;).</translation>
    </message>
    <message>
        <source>Stage map entry &apos;%1&apos; must be a workspace stage name, null (ignore) or {&quot;create&quot;: true, &quot;position&quot;: N}.</source>
        <translation>Eintrag „%1“ der Stufenzuordnung muss der Name einer Stufe des Arbeitsbereichs sein, null (ignorieren) oder {&quot;create&quot;: true, &quot;position&quot;: N}.</translation>
    </message>
    <message>
        <source>The stage map is not valid JSON: %1.</source>
        <translation>Die Stufenzuordnung ist kein gültiges JSON: %1.</translation>
    </message>
    <message>
        <source>Cannot read the stage map %1: %2.</source>
        <translation>Die Stufenzuordnung %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>A preset name is letters, digits, spaces, &apos;.&apos;, &apos;-&apos; or &apos;_&apos; (at most 80).</source>
        <translation>Ein Vorlagenname besteht aus Buchstaben, Ziffern, Leerzeichen, „.“, „-“ oder „_“ (höchstens 80).</translation>
    </message>
    <message>
        <source>There is no import preset &apos;%1&apos; (known: %2).</source>
        <translation>Es gibt keine Importvorlage „%1“ (bekannt: %2).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is built in; choose another name.</source>
        <translation>„%1“ ist eingebaut; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is built in and cannot be deleted.</source>
        <translation>„%1“ ist eingebaut und kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>row %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
    <message>
        <source>… and %1 more problem.</source>
        <translation>… und %1 weiteres Problem.</translation>
    </message>
    <message>
        <source>… and %1 more problems.</source>
        <translation>… und %1 weitere Probleme.</translation>
    </message>
    <message>
        <source>Choose the date order: --dayfirst (day/month/year) or --monthfirst (month/day/year), or &quot;date_order&quot; in the mapping.</source>
        <translation>Wählen Sie die Datumsreihenfolge: --dayfirst (Tag/Monat/Jahr) oder --monthfirst (Monat/Tag/Jahr), oder &quot;date_order&quot; in der Zuordnung.</translation>
    </message>
    <message>
        <source>… %1 more ambiguous date.</source>
        <translation>… %1 weiteres mehrdeutiges Datum.</translation>
    </message>
    <message>
        <source>… %1 more ambiguous dates.</source>
        <translation>… %1 weitere mehrdeutige Daten.</translation>
    </message>
    <message>
        <source>Row %1 has &apos;%2&apos;, which can only be day-first.</source>
        <translation>Zeile %1 hat „%2“, das nur mit dem Tag zuerst gelesen werden kann.</translation>
    </message>
    <message>
        <source>Row %1 has &apos;%2&apos;, which can only be month-first.</source>
        <translation>Zeile %1 hat „%2“, das nur mit dem Monat zuerst gelesen werden kann.</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>Der Import wurde abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>%1 opportunity has rows at the same time as their latest: they were taken in the stage order (a won or lost stage last), not in the file&apos;s row order.</source>
        <translation>%1 Verkaufschance hat Zeilen zur selben Zeit wie ihre neueste: Sie wurden in der Reihenfolge der Stufen übernommen (eine gewonnene oder verlorene Stufe zuletzt), nicht in der Zeilenfolge der Datei.</translation>
    </message>
    <message>
        <source>%1 opportunities have rows at the same time as their latest: they were taken in the stage order (a won or lost stage last), not in the file&apos;s row order.</source>
        <translation>%1 Verkaufschancen haben Zeilen zur selben Zeit wie ihre neueste: Sie wurden in der Reihenfolge der Stufen übernommen (eine gewonnene oder verlorene Stufe zuletzt), nicht in der Zeilenfolge der Datei.</translation>
    </message>
    <message>
        <source>%1 opportunity has rows at the same time and stage that disagree (first: &apos;%2&apos;, row %3); the file cannot say which is newer: check them.</source>
        <translation>%1 Verkaufschance hat Zeilen zur selben Zeit und Stufe, die sich widersprechen (erste: „%2“, Zeile %3); die Datei kann nicht sagen, welche neuer ist: Prüfen Sie sie.</translation>
    </message>
    <message>
        <source>%1 opportunities have rows at the same time and stage that disagree (first: &apos;%2&apos;, row %3); the file cannot say which is newer: check them.</source>
        <translation>%1 Verkaufschancen haben Zeilen zur selben Zeit und Stufe, die sich widersprechen (erste: „%2“, Zeile %3); die Datei kann nicht sagen, welche neuer ist: Prüfen Sie sie.</translation>
    </message>
    <message>
        <source>%1 opportunity</source>
        <translation>%1 Verkaufschance</translation>
    </message>
    <message>
        <source>%1 opportunities</source>
        <translation>%1 Verkaufschancen</translation>
    </message>
    <message>
        <source>%1 row was older than the workspace: the newer values were kept (%2; their older stage changes were added as history).</source>
        <translation>%1 Zeile war älter als der Arbeitsbereich: Die neueren Werte wurden behalten (%2; ihre älteren Stufenwechsel wurden als Verlauf hinzugefügt).</translation>
    </message>
    <message>
        <source>%1 rows were older than the workspace: the newer values were kept (%2; their older stage changes were added as history).</source>
        <translation>%1 Zeilen waren älter als der Arbeitsbereich: Die neueren Werte wurden behalten (%2; ihre älteren Stufenwechsel wurden als Verlauf hinzugefügt).</translation>
    </message>
    <message>
        <source>%1 (won)</source>
        <translation>%1 (gewonnen)</translation>
    </message>
    <message>
        <source>Stages in the order the data shows (first entries): %1.</source>
        <translation>Stufen in der Reihenfolge, die die Daten zeigen (erste Eintritte): %1.</translation>
    </message>
    <message>
        <source>New: %1.</source>
        <translation>Neu: %1.</translation>
    </message>
    <message>
        <source>%1: read as the outcome lost, at the last stage reached (not a stage).</source>
        <translation>%1: als Ergebnis „verloren“ gelesen, an der zuletzt erreichten Stufe (keine Stufe).</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>ein PNG-Bild</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>ein PDF-Dokument</translation>
    </message>
    <message>
        <source>a TIFF image</source>
        <translation>ein TIFF-Bild</translation>
    </message>
    <message>
        <source>a binary file</source>
        <translation>eine Binärdatei</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>ein GIF-Bild</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>ein JPEG-Bild</translation>
    </message>
    <message>
        <source>a gzip archive</source>
        <translation>ein gzip-Archiv</translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation>ein 7-Zip-Archiv</translation>
    </message>
    <message>
        <source>a RAR archive</source>
        <translation>ein RAR-Archiv</translation>
    </message>
    <message>
        <source>a RIFF (WebP, WAV, AVI) file</source>
        <translation>eine RIFF-Datei (WebP, WAV, AVI)</translation>
    </message>
    <message>
        <source>stage name &apos;%1…&apos; is too long to create (at most 200 characters)</source>
        <translation>der Stufenname „%1…“ ist zu lang, um die Stufe anzulegen (höchstens 200 Zeichen)</translation>
    </message>
    <message>
        <source>The stage map sends &apos;%1&apos; to &apos;%2&apos;, which is not a stage of this workspace.</source>
        <translation>Die Stufenzuordnung ordnet „%1“ der Stufe „%2“ zu, die es in diesem Arbeitsbereich nicht gibt.</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <source>%1 row belongs to an opportunity deleted in this workspace; it was skipped.</source>
        <translation>%1 Zeile gehört zu einer in diesem Arbeitsbereich gelöschten Verkaufschance; sie wurde übersprungen.</translation>
    </message>
    <message>
        <source>%1 rows belong to opportunities deleted in this workspace; they were skipped.</source>
        <translation>%1 Zeilen gehören zu in diesem Arbeitsbereich gelöschten Verkaufschancen; sie wurden übersprungen.</translation>
    </message>
    <message>
        <source>Times without a time zone were read as UTC.</source>
        <translation>Zeiten ohne Zeitzone wurden als UTC gelesen.</translation>
    </message>
    <message>
        <source>%1 lost opportunity has no loss reason in the file; they were given &apos;%2&apos;.</source>
        <translation>%1 verlorene Verkaufschance hat in der Datei keinen Verlustgrund; sie erhielt „%2“.</translation>
    </message>
    <message>
        <source>%1 lost opportunities have no loss reason in the file; they were given &apos;%2&apos;.</source>
        <translation>%1 verlorene Verkaufschancen haben in der Datei keinen Verlustgrund; sie erhielten „%2“.</translation>
    </message>
    <message>
        <source>%1 row repeats the stage its opportunity was already in (an edit of amount, close date or owner): each stay in a stage counts from its first entry; its values were taken.</source>
        <translation>%1 Zeile wiederholt die Stufe, in der ihre Verkaufschance schon war (eine Änderung von Betrag, Abschlussdatum oder Verantwortlichem): Jeder Aufenthalt in einer Stufe zählt ab seinem ersten Eintritt; ihre Werte wurden übernommen.</translation>
    </message>
    <message>
        <source>%1 rows repeat the stage their opportunity was already in (edits of amount, close date or owner): each stay in a stage counts from its first entry; their values were taken.</source>
        <translation>%1 Zeilen wiederholen die Stufe, in der ihre Verkaufschance schon war (Änderungen von Betrag, Abschlussdatum oder Verantwortlichem): Jeder Aufenthalt in einer Stufe zählt ab seinem ersten Eintritt; ihre Werte wurden übernommen.</translation>
    </message>
    <message>
        <source>Writing stage events: %1 of %2…</source>
        <translation>Stufenwechsel werden geschrieben: %1 von %2…</translation>
    </message>
    <message>
        <source>Indexing %1 stage events…</source>
        <translation>%1 Stufenwechsel werden indiziert…</translation>
    </message>
    <message>
        <source>stage &apos;%2&apos; (%1 row) is not a stage of this workspace: map it to one, create it or ignore it (--stage-map)</source>
        <translation>Stufe „%2“ (%1 Zeile) ist keine Stufe dieses Arbeitsbereichs: Ordnen Sie sie einer zu, legen Sie sie an oder ignorieren Sie sie (--stage-map)</translation>
    </message>
    <message>
        <source>stage &apos;%2&apos; (%1 rows) is not a stage of this workspace: map it to one, create it or ignore it (--stage-map)</source>
        <translation>Stufe „%2“ (%1 Zeilen) ist keine Stufe dieses Arbeitsbereichs: Ordnen Sie sie einer zu, legen Sie sie an oder ignorieren Sie sie (--stage-map)</translation>
    </message>
    <message>
        <source>entered &apos;%1&apos; at %2, before the opportunity was created (%3)</source>
        <translation>trat am %2 in „%1“ ein, bevor die Verkaufschance erstellt wurde (%3)</translation>
    </message>
    <message>
        <source>closed %1, before the opportunity was created (%2)</source>
        <translation>abgeschlossen am %1, bevor die Verkaufschance erstellt wurde (%2)</translation>
    </message>
    <message>
        <source>%1: the date order is not chosen</source>
        <translation>%1: Die Datumsreihenfolge ist nicht gewählt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid time</source>
        <translation>„%1“ ist keine gültige Uhrzeit</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid date</source>
        <translation>„%1“ ist kein gültiges Datum</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has an impossible time zone offset</source>
        <translation>„%1“ hat einen unmöglichen Zeitzonenversatz</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a plausible date (years %2 to %3 only)</source>
        <translation>„%1“ ist kein plausibles Datum (nur die Jahre %2 bis %3)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a time without a date</source>
        <translation>„%1“ ist eine Uhrzeit ohne Datum</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <source>&apos;%1…&apos; is not a date</source>
        <translation>„%1…“ ist kein Datum</translation>
    </message>
    <message>
        <source>&apos;%1&apos; could be %2 %3 or %4 %5</source>
        <translation>„%1“ kann der %2. %3 oder der %5. %4 sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid day-first date</source>
        <translation>„%1“ ist kein gültiges Datum mit dem Tag zuerst</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid month-first date</source>
        <translation>„%1“ ist kein gültiges Datum mit dem Monat zuerst</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a date</source>
        <translation>„%1“ ist kein Datum</translation>
    </message>
    <message>
        <source>January</source>
        <translation>Januar</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Februar</translation>
    </message>
    <message>
        <source>March</source>
        <translation>März</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Dezember</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a date (numbers are read as Excel serial dates only from %2 to %3)</source>
        <translation>„%1“ ist kein Datum (Zahlen werden nur von %2 bis %3 als serielle Excel-Daten gelesen)</translation>
    </message>
    <message>
        <source>unknown outcome &apos;%1&apos; (expected open, won or lost; other values can be added to &quot;outcome_values&quot; in the mapping)</source>
        <translation>unbekanntes Ergebnis „%1“ (erwartet: open, won oder lost; weitere Werte können unter &quot;outcome_values&quot; in der Zuordnung ergänzt werden)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not true or false</source>
        <translation>„%1“ ist weder wahr noch falsch (true/false)</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Everything is written in one step at the end: cancelling writes nothing.</source>
        <translation>Alles wird am Ende in einem Schritt geschrieben: Abbrechen schreibt nichts.</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>Import &amp;abbrechen</translation>
    </message>
    <message>
        <source>Stop the import; nothing is written</source>
        <translation>Den Import beenden; nichts wird geschrieben</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>Abgewiesene Zeilen</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Run the import again with the same choices</source>
        <translation>Den Import mit denselben Einstellungen erneut ausführen</translation>
    </message>
    <message>
        <source>Importing {0}…</source>
        <translation>Importiere {0}…</translation>
    </message>
    <message>
        <source>Nothing is written until the import finishes; Cancel leaves the workspace as it was.</source>
        <translation>Bis zum Ende des Imports wird nichts geschrieben; Abbrechen lässt den Arbeitsbereich, wie er war.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starte…</translation>
    </message>
    <message>
        <source>The import stopped unexpectedly; nothing was written.</source>
        <translation>Der Import wurde unerwartet abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Cancelling… nothing will be written.</source>
        <translation>Breche ab… nichts wird geschrieben.</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>Importiert.</translation>
    </message>
    <message>
        <source>Rejected rows were written to {0}</source>
        <translation>Abgewiesene Zeilen wurden nach {0} geschrieben</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>Hinweis: {0}</translation>
    </message>
    <message>
        <source>Rejected rows (first {0} problems):</source>
        <translation>Abgewiesene Zeilen (erste {0} Probleme):</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Abgebrochen: Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>The workspace is as it was before the import.</source>
        <translation>Der Arbeitsbereich ist wie vor dem Import.</translation>
    </message>
    <message>
        <source>Not imported: nothing was written.</source>
        <translation>Nicht importiert: Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>The file changed since the check, or the workspace did. Close the wizard and import again to check it afresh.</source>
        <translation>Die Datei oder der Arbeitsbereich hat sich seit der Prüfung geändert. Schließen Sie den Assistenten und importieren Sie erneut, um neu zu prüfen.</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>Probleme:</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importiere…</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import from CRM export</source>
        <translation>Aus CRM-Export importieren</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
</context>
<context>
    <name>InitiativeDialog</name>
    <message>
        <source>e.g. Autumn webinar series</source>
        <translation>z. B. Webinar-Reihe im Herbst</translation>
    </message>
    <message>
        <source>Every channel</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>The lead source it reaches; type a new one or choose every channel</source>
        <translation>Die Lead-Quelle, die sie erreicht; eine neue eintippen oder alle Kanäle wählen</translation>
    </message>
    <message>
        <source>Whole funnel</source>
        <translation>Ganzer Trichter</translation>
    </message>
    <message>
        <source>The stage it aims to move customers into</source>
        <translation>Die Stufe, in die sie Kunden bringen will</translation>
    </message>
    <message>
        <source>Still &amp;running (no end yet)</source>
        <translation>&amp;Läuft noch (noch kein Ende)</translation>
    </message>
    <message>
        <source>Who in marketing runs it</source>
        <translation>Wer im Marketing sie verantwortet</translation>
    </message>
    <message>
        <source>What sales should know or say when a customer mentions it</source>
        <translation>Was der Vertrieb wissen oder sagen sollte, wenn ein Kunde sie erwähnt</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>&amp;Aimed at:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>&amp;First day:</source>
        <translation>&amp;Erster Tag:</translation>
    </message>
    <message>
        <source>&amp;Last day:</source>
        <translation>Le&amp;tzter Tag:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Verantwortlich:</translation>
    </message>
    <message>
        <source>&amp;Talking points:</source>
        <translation>&amp;Gesprächspunkte:</translation>
    </message>
    <message>
        <source>Lin&amp;k:</source>
        <translation>Lin&amp;k:</translation>
    </message>
</context>
<context>
    <name>InitiativeLayer</name>
    <message>
        <source>since {0}, still running</source>
        <translation>seit {0}, läuft noch</translation>
    </message>
    <message>
        <source>on {0}</source>
        <translation>am {0}</translation>
    </message>
    <message>
        <source>{0} – {1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <source>Marketing initiative “{0}”, {1}</source>
        <translation>Marketing-Initiative „{0}“, {1}</translation>
    </message>
    <message>
        <source>Channel: {0}</source>
        <translation>Kanal: {0}</translation>
    </message>
    <message>
        <source>Every channel</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>Owner: {0}</source>
        <translation>Verantwortlich: {0}</translation>
    </message>
    <message>
        <source>Tell customers: {0}</source>
        <translation>Den Kunden sagen: {0}</translation>
    </message>
    <message>
        <source>It may explain a change in this period as much as a PDSA cycle would.</source>
        <translation>Sie kann eine Veränderung in diesem Zeitraum ebenso erklären wie ein PDSA-Zyklus.</translation>
    </message>
</context>
<context>
    <name>InitiativeModel</name>
    <message>
        <source>Initiative</source>
        <translation>Initiative</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Aimed at</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Verantwortlich</translation>
    </message>
    <message>
        <source>What sales should know</source>
        <translation>Was der Vertrieb wissen sollte</translation>
    </message>
    <message>
        <source>Every channel</source>
        <translation>Alle Kanäle</translation>
    </message>
    <message>
        <source>Whole funnel</source>
        <translation>Ganzer Trichter</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
    <message>
        <source>Link: {0} (Ctrl+L opens it)</source>
        <translation>Link: {0} (Strg+L öffnet ihn)</translation>
    </message>
</context>
<context>
    <name>InitiativesView</name>
    <message>
        <source>&lt;h2&gt;Marketing initiatives&lt;/h2&gt;Campaigns, events and content that reach customers while sales experiments run. They are marked on every conversion chart, listed on &lt;i&gt;This week&lt;/i&gt; when they start or end, and a cycle&apos;s Study names any that overlap its windows. Running ones are in bold.</source>
        <translation>&lt;h2&gt;Marketing-Initiativen&lt;/h2&gt;Kampagnen, Veranstaltungen und Inhalte, die Kunden erreichen, während der Vertrieb experimentiert. Sie sind in jedem Konversionsdiagramm markiert, erscheinen unter &lt;i&gt;Diese Woche&lt;/i&gt;, wenn sie beginnen oder enden, und die Auswertung eines Zyklus nennt jede, die seine Zeitfenster überschneidet. Laufende sind fett.</translation>
    </message>
    <message>
        <source>No initiatives yet. Add the campaigns and events marketing runs, so that sales knows what customers have heard and Study can tell a campaign from a tactic.</source>
        <translation>Noch keine Initiativen. Erfassen Sie die Kampagnen und Veranstaltungen des Marketings, damit der Vertrieb weiß, was Kunden gehört haben, und die Auswertung eine Kampagne von einer Taktik unterscheiden kann.</translation>
    </message>
    <message>
        <source>&amp;Add initiative…</source>
        <translation>Initiative &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Record a marketing initiative (Ctrl+N)</source>
        <translation>Eine Marketing-Initiative erfassen (Strg+N)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Change the selected initiative (Enter)</source>
        <translation>Die ausgewählte Initiative ändern (Eingabe)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the selected initiative (Del); Edit &gt; Undo brings it back</source>
        <translation>Die ausgewählte Initiative löschen (Entf); Bearbeiten &gt; Rückgängig holt sie zurück</translation>
    </message>
    <message>
        <source>Open &amp;link</source>
        <translation>Link ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the selected initiative&apos;s link (Ctrl+L)</source>
        <translation>Den Link der ausgewählten Initiative öffnen (Strg+L)</translation>
    </message>
    <message>
        <source>Cycles marketing can support at &amp;once:</source>
        <translation>Zyklen, die das Marketing &amp;gleichzeitig unterstützen kann:</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source>How many running cycles whose tactic needs marketing support may run at once; starting one more asks first and records the override</source>
        <translation>Wie viele laufende Zyklen, deren Taktik Marketing-Unterstützung braucht, gleichzeitig laufen dürfen; wer einen weiteren startet, wird gefragt, und die Überschreitung wird festgehalten</translation>
    </message>
    <message>
        <source>The initiatives could not be read: {0}</source>
        <translation>Die Initiativen konnten nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>Add a marketing initiative</source>
        <translation>Eine Marketing-Initiative hinzufügen</translation>
    </message>
    <message>
        <source>Initiative “{0}”</source>
        <translation>Initiative „{0}“</translation>
    </message>
    <message>
        <source>Deleted “{0}”. Edit &gt; Undo brings it back.</source>
        <translation>„{0}“ gelöscht. Bearbeiten &gt; Rückgängig holt sie zurück.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>Code -&gt; the language&apos;s own name (shown as is: a user who cannot read the current language finds theirs).</extracomment>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used the next time you start pdsa-desk.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von pdsa-desk.</translation>
    </message>
</context>
<context>
    <name>LengthCheck</name>
    <message>
        <source>Too long: {0} characters; at most {1}.</source>
        <translation>Zu lang: {0} Zeichen; höchstens {1}.</translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <source>The reason is too long (%1 characters; at most %2).</source>
        <translation>Die Begründung ist zu lang (%1 Zeichen; höchstens %2).</translation>
    </message>
    <message>
        <source>The study cannot be computed (%1), so no outcome is known.</source>
        <translation>Die Auswertung kann nicht berechnet werden (%1), daher ist kein Ergebnis bekannt.</translation>
    </message>
    <message>
        <source>No customer of the cycle has a known outcome yet: %1 entered &apos;%2&apos;, all within their %3-day window. There is nothing to study yet.</source>
        <translation>Noch kein Kunde des Zyklus hat ein bekanntes Ergebnis: %1 sind in „%2“ eingetreten, alle noch in ihrem %3-Tage-Fenster. Es gibt noch nichts auszuwerten.</translation>
    </message>
    <message>
        <source>No customer of the cycle has entered &apos;%1&apos; yet. There is nothing to study yet.</source>
        <translation>Noch kein Kunde des Zyklus ist in „%1“ eingetreten. Es gibt noch nichts auszuwerten.</translation>
    </message>
    <message>
        <source>The study cannot be computed (%1).</source>
        <translation>Die Auswertung kann nicht berechnet werden (%1).</translation>
    </message>
    <message>
        <source>The study says: %1. A decision now rests on numbers that may still change.</source>
        <translation>Die Auswertung sagt: %1. Eine Entscheidung jetzt beruht auf Zahlen, die sich noch ändern können.</translation>
    </message>
</context>
<context>
    <name>LossReasonsPanel</name>
    <message>
        <source>Loss reasons</source>
        <translation>Verlustgründe</translation>
    </message>
    <message>
        <source>Loss reasons, in the order offered</source>
        <translation>Verlustgründe in der angebotenen Reihenfolge</translation>
    </message>
    <message>
        <source>Offered in this order when an opportunity is marked lost</source>
        <translation>In dieser Reihenfolge angeboten, wenn eine Verkaufschance als verloren markiert wird</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Offer the selected reason earlier</source>
        <translation>Den gewählten Grund weiter vorn anbieten</translation>
    </message>
    <message>
        <source>Offer the selected reason later</source>
        <translation>Den gewählten Grund weiter hinten anbieten</translation>
    </message>
    <message>
        <source>Add a loss reason with the name typed above</source>
        <translation>Einen Verlustgrund mit dem oben eingegebenen Namen hinzufügen</translation>
    </message>
    <message>
        <source>Type the new loss reason first</source>
        <translation>Zuerst den neuen Verlustgrund eingeben</translation>
    </message>
    <message>
        <source>Give the selected reason the name typed above</source>
        <translation>Dem gewählten Grund den oben eingegebenen Namen geben</translation>
    </message>
    <message>
        <source>Select a loss reason first</source>
        <translation>Zuerst einen Verlustgrund wählen</translation>
    </message>
    <message>
        <source>Delete the selected reason (refused while lost opportunities use it)</source>
        <translation>Den gewählten Grund löschen (abgelehnt, solange verlorene Verkaufschancen ihn verwenden)</translation>
    </message>
    <message>
        <source>Add loss reason “{0}”</source>
        <translation>Verlustgrund „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Rename loss reason “{0}”</source>
        <translation>Verlustgrund „{0}“ umbenennen</translation>
    </message>
    <message>
        <source>Delete loss reason “{0}”</source>
        <translation>Verlustgrund „{0}“ löschen</translation>
    </message>
    <message>
        <source>Reorder loss reasons</source>
        <translation>Verlustgründe umsortieren</translation>
    </message>
</context>
<context>
    <name>LostDialog</name>
    <message>
        <source>Mark lost</source>
        <translation>Als verloren markieren</translation>
    </message>
    <message>
        <source>Why was &lt;b&gt;{0}&lt;/b&gt; lost?</source>
        <translation>Warum wurde &lt;b&gt;{0}&lt;/b&gt; verloren?</translation>
    </message>
    <message>
        <source>Choose a loss reason…</source>
        <translation>Verlustgrund wählen…</translation>
    </message>
    <message>
        <source>No loss reasons are defined yet; add them on the Standards page first.</source>
        <translation>Noch keine Verlustgründe festgelegt; fügen Sie sie zuerst auf der Seite „Standards“ hinzu.</translation>
    </message>
    <message>
        <source>Add a loss reason first</source>
        <translation>Fügen Sie zuerst einen Verlustgrund hinzu</translation>
    </message>
    <message>
        <source>The card leaves the board. Undo (Ctrl+Z) reopens it.</source>
        <translation>Die Karte verlässt das Board. Rückgängig (Strg+Z) öffnet sie wieder.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>This week</source>
        <extracomment>&quot;module:Class&quot; of the view, imported the first time it is shown. The smallest window every view is laid out for (tests/ui/test_layout.py checks it, 1366×768 and 1024×640): a 1024×768 screen less the taskbar and title bar.</extracomment>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Cycles</source>
        <translation>Zyklen</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Standards</source>
        <translation>Standards</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Initiatives</source>
        <translation>Initiativen</translation>
    </message>
    <message>
        <source>Forecasts</source>
        <translation>Prognosen</translation>
    </message>
    <message>
        <source>{0} (Ctrl+{1})</source>
        <extracomment>The glossary entry F1 opens in each view (a view with ``glossary_key()``, Charts, says which itself). SQLite&apos;s quick check of the workspace finished: the problems found ([] when none).</extracomment>
        <translation>{0} (Strg+{1})</translation>
    </message>
    <message>
        <source>{0} — pdsa-desk</source>
        <extracomment>What the quick check found ([] nothing); None until it has run.
----------
Modules the other views need, imported on the quick-read thread once the first view shows its data, so that visiting Charts, Cycles or Compare does not freeze the window while pyqtgraph is imported (0.5 s).</extracomment>
        <translation>{0} – pdsa-desk</translation>
    </message>
    <message>
        <source>Opening the workspace…</source>
        <translation>Arbeitsbereich wird geöffnet…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Read-only:&lt;/b&gt; {0}. You can look, export and print reports; edits, imports and merges are switched off. To work in it, copy the workspace to a folder you can write to and open the copy.</source>
        <translation>&lt;b&gt;Schreibgeschützt:&lt;/b&gt; {0}. Sie können ansehen, exportieren und Berichte drucken; Bearbeiten, Importieren und Zusammenführen sind abgeschaltet. Um darin zu arbeiten, kopieren Sie den Arbeitsbereich in einen Ordner mit Schreibrecht und öffnen die Kopie.</translation>
    </message>
    <message>
        <source>this workspace cannot be written here</source>
        <translation>dieser Arbeitsbereich kann hier nicht geschrieben werden</translation>
    </message>
    <message>
        <source>the latest backup is {0}</source>
        <extracomment>The quick check starts at the latest this long after the workspace is open (ms).</extracomment>
        <translation>die neueste Sicherung ist {0}</translation>
    </message>
    <message>
        <source>no backup was found beside it</source>
        <translation>daneben wurde keine Sicherung gefunden</translation>
    </message>
    <message>
        <source>&lt;b&gt;This workspace is damaged&lt;/b&gt; (SQLite&apos;s quick check found: {0}). Stop editing it: restore the latest backup ({1}), then run &lt;tt&gt;pdsa-desk check --db FILE&lt;/tt&gt; on it.</source>
        <translation>&lt;b&gt;Dieser Arbeitsbereich ist beschädigt&lt;/b&gt; (die Schnellprüfung von SQLite fand: {0}). Bearbeiten Sie ihn nicht weiter: Stellen Sie die neueste Sicherung wieder her ({1}) und führen Sie darauf &lt;tt&gt;pdsa-desk check --db DATEI&lt;/tt&gt; aus.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Connect to team database…</source>
        <translation>Mit Team-Datenbank &amp;verbinden…</translation>
    </message>
    <message>
        <source>&amp;Workspace settings…</source>
        <translation>&amp;Arbeitsbereichseinstellungen…</translation>
    </message>
    <message>
        <source>&amp;Send my work…</source>
        <translation>Meine Arbeit &amp;senden…</translation>
    </message>
    <message>
        <source>&amp;Merge a colleague&apos;s work…</source>
        <translation>Arbeit eines Kollegen &amp;zusammenführen…</translation>
    </message>
    <message>
        <source>Send s&amp;tandards to the team…</source>
        <translation>S&amp;tandards an das Team senden…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>&amp;People and teams…</source>
        <translation>&amp;Personen und Teams…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>&amp;Glossar</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About pdsa-desk</source>
        <translation>&amp;Über pdsa-desk</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>pdsa-desk workspaces (*.sqlite *.pdsa *.db);;All files (*)</source>
        <translation>pdsa-desk-Arbeitsbereiche (*.sqlite *.pdsa *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>the file &lt;b&gt;{0}&lt;/b&gt; in {1}</source>
        <translation>die Datei &lt;b&gt;{0}&lt;/b&gt; in {1}</translation>
    </message>
    <message>
        <source>the team database &lt;b&gt;{0}&lt;/b&gt; on the server {1}</source>
        <translation>die Team-Datenbank &lt;b&gt;{0}&lt;/b&gt; auf dem Server {1}</translation>
    </message>
    <message>
        <source>About pdsa-desk</source>
        <translation>Über pdsa-desk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;pdsa-desk {0}&lt;/h3&gt;&lt;p&gt;A workbench for sales teams that improve by experiment: observable standards, Plan-Do-Study-Act cycles, and conversion charts that tell a real improvement from noise.&lt;/p&gt;&lt;p&gt;Workspace “{1}”: {2}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;pdsa-desk {0}&lt;/h3&gt;&lt;p&gt;Eine Werkbank für Vertriebsteams, die sich durch Experimente verbessern: beobachtbare Standards, Plan-Do-Study-Act-Zyklen und Konversionsdiagramme, die eine echte Verbesserung vom Rauschen unterscheiden.&lt;/p&gt;&lt;p&gt;Arbeitsbereich „{1}“: {2}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MergeWorkDialog</name>
    <message>
        <source>Merge a colleague&apos;s work</source>
        <extracomment>The mapping table&apos;s third column: the table of the clashing definition (its choices). The worker processes of large files (a spare started ahead of the next step; see the module docstring).</extracomment>
        <translation>Arbeit eines Kollegen zusammenführen</translation>
    </message>
    <message>
        <source>Choose the .pdsa files your colleagues sent. Each file is merged on its own, in the order listed: rows are matched by their identity, the newer version of a row wins, a row changed on both sides is reported as a conflict, and deletions carry over. A file that cannot be merged changes nothing and the others still merge.</source>
        <translation>Wählen Sie die .pdsa-Dateien, die Ihre Kollegen gesendet haben. Jede Datei wird für sich in der aufgeführten Reihenfolge zusammengeführt: Zeilen werden über ihre Identität zugeordnet, die neuere Fassung einer Zeile gewinnt, eine auf beiden Seiten geänderte Zeile wird als Konflikt gemeldet, und Löschungen werden übernommen. Eine Datei, die nicht zusammengeführt werden kann, ändert nichts, und die anderen werden trotzdem zusammengeführt.</translation>
    </message>
    <message>
        <source>Files to merge</source>
        <translation>Zusammenzuführende Dateien</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>Dateien &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Preview only: report what would change, change nothing</source>
        <translation>Nur &amp;Vorschau: berichten, was sich ändern würde, nichts ändern</translation>
    </message>
    <message>
        <source>Definitions to map</source>
        <translation>Zuzuordnende Definitionen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>In der Datei</translation>
    </message>
    <message>
        <source>Use this one here</source>
        <translation>Diese hier verwenden</translation>
    </message>
    <message>
        <source>&amp;Skip this file</source>
        <translation>Diese Datei ü&amp;berspringen</translation>
    </message>
    <message>
        <source>&amp;Merge with this mapping</source>
        <translation>Mit dieser Zuordnung &amp;zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Cancel merge</source>
        <translation>Zusammenführen a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Stop merging: the file being merged changes nothing, and the files after it are not merged</source>
        <translation>Zusammenführen beenden: Die gerade zusammengeführte Datei ändert nichts, und die Dateien danach werden nicht zusammengeführt</translation>
    </message>
    <message>
        <source>The merge report appears here: per kind of row, how many were added, updated, in conflict or skipped.</source>
        <translation>Der Zusammenführungsbericht erscheint hier: je Zeilenart, wie viele hinzugefügt, aktualisiert, in Konflikt oder übersprungen wurden.</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Zusammenführen</translation>
    </message>
    <message>
        <source>Cancelled; not merged: {0}.</source>
        <translation>Abgebrochen; nicht zusammengeführt: {0}.</translation>
    </message>
    <message>
        <source>Checking the file stopped unexpectedly; nothing was changed.</source>
        <translation>Die Prüfung der Datei wurde unerwartet abgebrochen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>Prüfe {0}…</translation>
    </message>
    <message>
        <source>{0} ({1}) has definitions whose names are already used here by different ones. Choose the one here that each stands for; the choice is remembered for files from &apos;{2}&apos;.</source>
        <translation>{0} ({1}) hat Definitionen, deren Namen hier schon von anderen verwendet werden. Wählen Sie jeweils die hiesige, für die sie steht; die Wahl wird für Dateien von „{2}“ gemerkt.</translation>
    </message>
    <message>
        <source>Use for {0}</source>
        <translation>Verwenden für {0}</translation>
    </message>
    <message>
        <source>{0}: skipped; nothing was merged from it.</source>
        <translation>{0}: übersprungen; nichts daraus wurde zusammengeführt.</translation>
    </message>
    <message>
        <source>The merge stopped unexpectedly; nothing was changed.</source>
        <translation>Das Zusammenführen wurde unerwartet abgebrochen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Merging {0}…</source>
        <translation>Führe {0} zusammen…</translation>
    </message>
    <message>
        <source>Cancelling… nothing will be changed.</source>
        <translation>Breche ab… nichts wird geändert.</translation>
    </message>
    <message>
        <source>{0}: not merged. {1}</source>
        <translation>{0}: nicht zusammengeführt. {1}</translation>
    </message>
    <message numerus="yes">
        <source>Done: {0} of %n file(s) merged.</source>
        <translation>
            <numerusform>Fertig: {0} von %n Datei zusammengeführt.</numerusform>
            <numerusform>Fertig: {0} von %n Dateien zusammengeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Preview done: nothing was changed.</source>
        <translation>Vorschau fertig: Nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>Monthly</name>
    <message>
        <source>The month is not over: read as of %1 %2 UTC.</source>
        <extracomment>When the conversion&apos;s outcomes are read (the moment the review is made). Forecasts of the periods that ended during the month.</extracomment>
        <translation>Der Monat ist noch nicht vorbei: Stand %1, %2 UTC.</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Mark won</source>
        <translation>Als gewonnen markieren</translation>
    </message>
    <message>
        <source>Move to {0}</source>
        <translation>Nach {0} verschieben</translation>
    </message>
    <message>
        <source>{0} → &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>{0} → &lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>into &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>nach &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This skips {0}; only the move into “{1}” is recorded.</source>
        <translation>Damit wird {0} übersprungen; nur der Wechsel nach „{1}“ wird erfasst.</translation>
    </message>
    <message>
        <source>Entering this stage closes the opportunity as won.</source>
        <translation>Der Eintritt in diese Stufe schließt die Verkaufschance als gewonnen ab.</translation>
    </message>
    <message>
        <source>Observable standard of “{0}”</source>
        <extracomment>The move goes over the stage&apos;s WIP limit, and OK confirms it (recorded with the move).</extracomment>
        <translation>Beobachtbarer Standard von „{0}“</translation>
    </message>
    <message>
        <source>No observable standard is written for this stage yet (write one on the Standards page).</source>
        <translation>Für diese Stufe ist noch kein beobachtbarer Standard geschrieben (schreiben Sie einen auf der Seite „Standards“).</translation>
    </message>
    <message>
        <source>Evidence seen</source>
        <translation>Gesehene Nachweise</translation>
    </message>
    <message>
        <source>Tick only what you saw or heard from the customer.</source>
        <translation>Haken Sie nur ab, was Sie vom Kunden gesehen oder gehört haben.</translation>
    </message>
    <message>
        <source>Record as won</source>
        <translation>Als gewonnen erfassen</translation>
    </message>
    <message>
        <source>Record move</source>
        <translation>Wechsel erfassen</translation>
    </message>
    <message numerus="yes">
        <source>“{0}” holds %n open opportunities;</source>
        <translation>
            <numerusform>„{0}“ enthält %n offene Verkaufschance;</numerusform>
            <numerusform>„{0}“ enthält %n offene Verkaufschancen;</numerusform>
        </translation>
    </message>
    <message>
        <source>its WIP limit is {0}.</source>
        <translation>ihr WIP-Limit ist {0}.</translation>
    </message>
    <message>
        <source>Moving this one in goes over the limit: finish work there first, or confirm, and the override is recorded with the move.</source>
        <translation>Mit dieser wird das Limit überschritten: Erledigen Sie dort zuerst Arbeit, oder bestätigen Sie, und die Überschreitung wird mit der Verschiebung festgehalten.</translation>
    </message>
    <message>
        <source>Record as won over the limit</source>
        <translation>Über dem Limit als gewonnen erfassen</translation>
    </message>
    <message>
        <source>Move over the limit</source>
        <translation>Über das Limit verschieben</translation>
    </message>
    <message>
        <source>This stage has no evidence checklist; the move is recorded as it is.</source>
        <translation>Diese Stufe hat keine Nachweis-Checkliste; der Wechsel wird so erfasst.</translation>
    </message>
    <message>
        <source>✔ All evidence seen: the move is recorded as confirmed.</source>
        <translation>✔ Alle Nachweise gesehen: Der Wechsel wird als bestätigt erfasst.</translation>
    </message>
    <message>
        <source>&lt;b&gt;⚠ No evidence ticked:&lt;/b&gt; the move is recorded as &lt;b&gt;unconfirmed&lt;/b&gt;. Record it only if the customer really did this.</source>
        <translation>&lt;b&gt;⚠ Kein Nachweis abgehakt:&lt;/b&gt; Der Wechsel wird als &lt;b&gt;unbestätigt&lt;/b&gt; erfasst. Erfassen Sie ihn nur, wenn der Kunde das wirklich getan hat.</translation>
    </message>
    <message>
        <source>&lt;b&gt;⚠ {0} of {1} items seen:&lt;/b&gt; the move is recorded as &lt;b&gt;unconfirmed&lt;/b&gt;, with the ticked items.</source>
        <translation>&lt;b&gt;⚠ {0} von {1} Punkten gesehen:&lt;/b&gt; Der Wechsel wird als &lt;b&gt;unbestätigt&lt;/b&gt; erfasst, mit den abgehakten Punkten.</translation>
    </message>
</context>
<context>
    <name>NewCycleDialog</name>
    <message>
        <source>New PDSA cycle</source>
        <translation>Neuer PDSA-Zyklus</translation>
    </message>
    <message>
        <source>Name the cycle and the step of the customer journey it aims to improve. You plan the rest in the Plan tab.</source>
        <translation>Benennen Sie den Zyklus und den Schritt der Customer Journey, den er verbessern soll. Den Rest planen Sie im Reiter „Plan“.</translation>
    </message>
    <message>
        <source>e.g. Agenda before discovery calls</source>
        <translation>z. B. Agenda vor Erstgesprächen</translation>
    </message>
    <message>
        <source>— no owner —</source>
        <translation>– niemand verantwortlich –</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>T&amp;ransition:</source>
        <translation>Ü&amp;bergang:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Verantwortlich:</translation>
    </message>
    <message>
        <source>Create and plan</source>
        <translation>Anlegen und planen</translation>
    </message>
    <message>
        <source>Define at least two stages first (Standards view)</source>
        <translation>Legen Sie zuerst mindestens zwei Stufen an (Ansicht „Standards“)</translation>
    </message>
    <message>
        <source>A cycle improves a step between two stages: the workspace has none yet.</source>
        <translation>Ein Zyklus verbessert einen Schritt zwischen zwei Stufen: Der Arbeitsbereich hat noch keinen.</translation>
    </message>
</context>
<context>
    <name>OpportunityEditor</name>
    <message>
        <source>Opportunity “{0}”</source>
        <translation>Verkaufschance „{0}“</translation>
    </message>
    <message>
        <source>New opportunity</source>
        <translation>Neue Verkaufschance</translation>
    </message>
    <message>
        <source>Add opportunity</source>
        <translation>Verkaufschance hinzufügen</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Verlauf…</translation>
    </message>
    <message>
        <source>Stage moves of this opportunity and the evidence seen</source>
        <translation>Stufenwechsel dieser Verkaufschance und die gesehenen Nachweise</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Delete this opportunity and its stage moves (undo with Ctrl+Z)</source>
        <translation>Diese Verkaufschance und ihre Stufenwechsel löschen (rückgängig mit Strg+Z)</translation>
    </message>
    <message>
        <source>e.g. Contoso — analytics rollout</source>
        <translation>z. B. Contoso — Einführung Analytics</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>No rep</source>
        <translation>Kein Vertriebler</translation>
    </message>
    <message>
        <source>{0} (inactive)</source>
        <translation>{0} (inaktiv)</translation>
    </message>
    <message>
        <source>&amp;Rep:</source>
        <translation>&amp;Vertriebler:</translation>
    </message>
    <message>
        <source>e.g. {0}</source>
        <translation>z. B. {0}</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>&amp;Betrag:</translation>
    </message>
    <message>
        <source>inbound, outbound, partner…</source>
        <translation>Inbound, Outbound, Partner…</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>where it came from, e.g. a trade fair or a CRM</source>
        <translation>woher sie kam, z. B. eine Messe oder ein CRM</translation>
    </message>
    <message>
        <source>S&amp;ource:</source>
        <translation>&amp;Quelle:</translation>
    </message>
    <message>
        <source>&amp;Opened on:</source>
        <translation>&amp;Eröffnet am:</translation>
    </message>
    <message>
        <source>No stage yet</source>
        <translation>Noch keine Stufe</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>&amp;Stufe:</translation>
    </message>
    <message>
        <source>{0} — moves are recorded on the Board, with the evidence seen</source>
        <translation>{0} — Stufenwechsel werden auf dem Board erfasst, mit den gesehenen Nachweisen</translation>
    </message>
    <message>
        <source>No stage yet — move it on the Board</source>
        <translation>Noch keine Stufe — verschieben Sie sie auf dem Board</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>Stufe:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>E&amp;rgebnis:</translation>
    </message>
    <message>
        <source>Choose a loss reason…</source>
        <translation>Verlustgrund wählen…</translation>
    </message>
    <message>
        <source>&amp;Loss reason:</source>
        <translation>Ver&amp;lustgrund:</translation>
    </message>
    <message>
        <source>&amp;Closed on:</source>
        <translation>&amp;Abgeschlossen am:</translation>
    </message>
    <message>
        <source>No loss reasons are defined yet; add them on the Standards page.</source>
        <translation>Es sind noch keine Verlustgründe definiert; legen Sie sie auf der Seite Standards an.</translation>
    </message>
    <message>
        <source>It entered the won stage: to reopen it, undo that move on the Board (Ctrl+Z) or record its next move.</source>
        <translation>Sie ist in die Gewonnen-Stufe gewechselt: Um sie wieder zu öffnen, machen Sie diesen Wechsel auf dem Board rückgängig (Strg+Z) oder erfassen Sie ihren nächsten Wechsel.</translation>
    </message>
    <message>
        <source>Marking it won here records no stage move. To record the signed order as evidence, move it into “{0}” on the Board.</source>
        <translation>Als gewonnen markieren erfasst hier keinen Stufenwechsel. Um den unterschriebenen Auftrag als Nachweis zu erfassen, verschieben Sie sie auf dem Board nach „{0}“.</translation>
    </message>
    <message>
        <source>Saving reopens it: it goes back on the Board in its last stage.</source>
        <translation>Speichern öffnet sie wieder: Sie kommt in ihrer letzten Stufe zurück aufs Board.</translation>
    </message>
    <message>
        <source>Add opportunity “{0}”</source>
        <translation>Verkaufschance „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit opportunity “{0}”</source>
        <translation>Verkaufschance „{0}“ bearbeiten</translation>
    </message>
    <message>
        <source>Delete opportunity</source>
        <translation>Verkaufschance löschen</translation>
    </message>
    <message>
        <source>Delete “{0}” and its stage moves? It leaves every number from now on. Undo (Ctrl+Z) brings it back.</source>
        <translation>„{0}“ und ihre Stufenwechsel löschen? Sie fällt ab jetzt aus allen Zahlen heraus. Rückgängig (Strg+Z) holt sie zurück.</translation>
    </message>
    <message>
        <source>Delete opportunity “{0}”</source>
        <translation>Verkaufschance „{0}“ löschen</translation>
    </message>
</context>
<context>
    <name>PastWeek</name>
    <message>
        <source>Changed after this week (last on %1); its interpretation is not shown, as it may have been written later; the plan is today&apos;s wording.</source>
        <extracomment>Cycles that existed then but whose status then cannot be told: (cycle as it is now, why). Per cycle id: what on its page is today&apos;s or left out (changed after the week). What the report cannot reconstruct, in sentences.</extracomment>
        <translation>Nach dieser Woche geändert (zuletzt am %1); die Interpretation wird nicht gezeigt, da sie später geschrieben sein kann; der Plan steht im heutigen Wortlaut da.</translation>
    </message>
    <message>
        <source>Changed after this week (last on %1); the plan is today&apos;s wording.</source>
        <translation>Nach dieser Woche geändert (zuletzt am %1); der Plan steht im heutigen Wortlaut da.</translation>
    </message>
    <message>
        <source>%1 opportunity</source>
        <translation>%1 Verkaufschance</translation>
    </message>
    <message>
        <source>%1 opportunities</source>
        <translation>%1 Verkaufschancen</translation>
    </message>
    <message>
        <source>%1 stage move</source>
        <translation>%1 Stufenwechsel</translation>
    </message>
    <message>
        <source>%1 stage moves</source>
        <translation>%1 Stufenwechsel</translation>
    </message>
    <message>
        <source>%1 and %2 dated up to that week were recorded later (imported or merged afterwards) and are left out: the counts are those the workspace held then.</source>
        <translation>%1 und %2 mit Datum bis zu dieser Woche wurden später erfasst (danach importiert oder zusammengeführt) und bleiben außen vor: Die Zahlen sind die, die der Arbeitsbereich damals enthielt.</translation>
    </message>
    <message>
        <source>%1 and %2 deleted since cannot be restored: the counts may be lower than they were then.</source>
        <translation>%1 und %2, seitdem gelöscht, lassen sich nicht wiederherstellen: Die Zahlen können niedriger sein als damals.</translation>
    </message>
    <message>
        <source>Stage definitions changed since are today&apos;s (conversion windows, WIP limits, names): %1.</source>
        <translation>Seitdem geänderte Stufendefinitionen sind die heutigen (Konversionsfenster, WIP-Limits, Namen): %1.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; (%2)</source>
        <translation>„%1“ (%2)</translation>
    </message>
    <message>
        <source>Left out, as their status that week cannot be told: %1.</source>
        <translation>Ausgelassen, da ihr Status in dieser Woche nicht feststellbar ist: %1.</translation>
    </message>
    <message>
        <source>moved on before pdsa-desk recorded when, and changed after this week (last on %1)</source>
        <translation>weitergegangen, bevor pdsa-desk den Zeitpunkt festhielt, und nach dieser Woche geändert (zuletzt am %1)</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <source>People and teams</source>
        <translation>Personen und Teams</translation>
    </message>
    <message>
        <source>Reps and teams who leave are deactivated, never deleted: they stay in every past number and are no longer offered for new work. Undo any change with Ctrl+Z.</source>
        <translation>Vertriebler und Teams, die gehen, werden deaktiviert, nie gelöscht: Sie bleiben in allen früheren Zahlen und werden für neue Arbeit nicht mehr angeboten. Jede Änderung lässt sich mit Strg+Z rückgängig machen.</translation>
    </message>
    <message>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>Teams, by name</source>
        <translation>Teams, nach Name</translation>
    </message>
    <message>
        <source>Team name</source>
        <translation>Teamname</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Add team</source>
        <translation>Team hinzufügen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Reps</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Rep name</source>
        <translation>Name des Vertrieblers</translation>
    </message>
    <message>
        <source>optional, e.g. ann@example.com</source>
        <translation>optional, z. B. ann@example.com</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>N&amp;ame:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>Add rep</source>
        <translation>Vertriebler hinzufügen</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Rename the selected rep or move them to the chosen team</source>
        <translation>Den gewählten Vertriebler umbenennen oder ins gewählte Team versetzen</translation>
    </message>
    <message>
        <source>{0} (inactive)</source>
        <translation>{0} (inaktiv)</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>Kein Team</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>Add a team with this name</source>
        <translation>Ein Team mit diesem Namen hinzufügen</translation>
    </message>
    <message>
        <source>Type the new team&apos;s name first</source>
        <translation>Zuerst den Namen des neuen Teams eingeben</translation>
    </message>
    <message>
        <source>Give the selected team the name typed above</source>
        <translation>Dem gewählten Team den oben eingegebenen Namen geben</translation>
    </message>
    <message>
        <source>Select a team first</source>
        <translation>Zuerst ein Team wählen</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reaktivieren</translation>
    </message>
    <message>
        <source>Add a rep with this name, in the chosen team</source>
        <translation>Einen Vertriebler mit diesem Namen im gewählten Team hinzufügen</translation>
    </message>
    <message>
        <source>Type the new rep&apos;s name first</source>
        <translation>Zuerst den Namen des neuen Vertrieblers eingeben</translation>
    </message>
    <message>
        <source>Add team “{0}”</source>
        <translation>Team „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Rename team “{0}”</source>
        <translation>Team „{0}“ umbenennen</translation>
    </message>
    <message>
        <source>Reactivate team “{0}”</source>
        <translation>Team „{0}“ reaktivieren</translation>
    </message>
    <message>
        <source>Deactivate team “{0}”</source>
        <translation>Team „{0}“ deaktivieren</translation>
    </message>
    <message>
        <source>Add rep “{0}”</source>
        <translation>Vertriebler „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Move rep “{0}” to another team</source>
        <translation>Vertriebler „{0}“ in ein anderes Team versetzen</translation>
    </message>
    <message>
        <source>Edit rep “{0}”</source>
        <translation>Vertriebler „{0}“ bearbeiten</translation>
    </message>
    <message>
        <source>Reactivate rep “{0}”</source>
        <translation>Vertriebler „{0}“ reaktivieren</translation>
    </message>
    <message>
        <source>Deactivate rep “{0}”</source>
        <translation>Vertriebler „{0}“ deaktivieren</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>Objective</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>What do we want to learn or change?</source>
        <translation>Was wollen wir lernen oder ändern?</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>What questions will this cycle answer?</source>
        <translation>Welche Fragen soll dieser Zyklus beantworten?</translation>
    </message>
    <message>
        <source>Change idea</source>
        <translation>Änderungsidee</translation>
    </message>
    <message>
        <source>What exactly will the reps do differently?</source>
        <translation>Was genau machen die Vertriebler anders?</translation>
    </message>
    <message>
        <source>Who / what / where / when</source>
        <translation>Wer / was / wo / wann</translation>
    </message>
    <message>
        <source>Who does it, with which customers, where, and when?</source>
        <translation>Wer macht es, bei welchen Kunden, wo und wann?</translation>
    </message>
    <message>
        <source>Data plan</source>
        <translation>Datenplan</translation>
    </message>
    <message>
        <source>How will we collect the data, and who looks at it?</source>
        <translation>Wie erheben wir die Daten, und wer sieht sie sich an?</translation>
    </message>
    <message>
        <source>A short name the team will recognise</source>
        <translation>Ein kurzer Name, den das Team wiedererkennt</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>The standard-work candidate this cycle tests (optional)</source>
        <translation>Der Standardarbeits-Kandidat, den dieser Zyklus testet (optional)</translation>
    </message>
    <message>
        <source>Ta&amp;ctic:</source>
        <translation>Ta&amp;ktik:</translation>
    </message>
    <message>
        <source>The step customers make: from this stage to the next one</source>
        <translation>Der Schritt, den Kunden machen: von dieser Stufe zur nächsten</translation>
    </message>
    <message>
        <source>Trans&amp;ition:</source>
        <translation>Über&amp;gang:</translation>
    </message>
    <message>
        <source>The rep who runs the cycle (always takes part)</source>
        <translation>Der Vertriebler, der den Zyklus leitet (nimmt immer teil)</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>&amp;Verantwortlich:</translation>
    </message>
    <message>
        <source>W&amp;hole team</source>
        <translation>&amp;Ganzes Team</translation>
    </message>
    <message>
        <source>Every active rep of the team takes part</source>
        <translation>Jeder aktive Vertriebler des Teams nimmt teil</translation>
    </message>
    <message>
        <source>The team that takes part</source>
        <translation>Das teilnehmende Team</translation>
    </message>
    <message>
        <source>Tick the reps who take part; the owner always does</source>
        <translation>Kreuzen Sie die teilnehmenden Vertriebler an; der Verantwortliche nimmt immer teil</translation>
    </message>
    <message>
        <source>Participating reps</source>
        <translation>Teilnehmende Vertriebler</translation>
    </message>
    <message>
        <source>Pa&amp;rticipants:</source>
        <translation>Teil&amp;nehmer:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>P&amp;lanned dates:</source>
        <translation>Ge&amp;plante Daten:</translation>
    </message>
    <message>
        <source>Pr&amp;ediction:</source>
        <translation>Vor&amp;hersage:</translation>
    </message>
    <message>
        <source>In words: what do you expect, and why?</source>
        <translation>In Worten: Was erwarten Sie, und warum?</translation>
    </message>
    <message>
        <source>Prediction in words:</source>
        <translation>Vorhersage in Worten:</translation>
    </message>
    <message>
        <source> customers</source>
        <translation> Kunden</translation>
    </message>
    <message>
        <source>How many customers must enter the stage during the cycle before its results are read</source>
        <translation>Wie viele Kunden während des Zyklus in die Stufe eintreten müssen, bevor seine Ergebnisse abgelesen werden</translation>
    </message>
    <message>
        <source>Minimum sa&amp;mple:</source>
        <translation>Mindest&amp;stichprobe:</translation>
    </message>
    <message>
        <source>Own baseline window</source>
        <translation>Eigenes Basislinienfenster</translation>
    </message>
    <message>
        <source>Compare with these dates instead of the weeks just before the cycle (the default)</source>
        <translation>Mit diesen Daten vergleichen statt mit den Wochen direkt vor dem Zyklus (der Standard)</translation>
    </message>
    <message>
        <source>Baseline:</source>
        <translation>Basislinie:</translation>
    </message>
    <message>
        <source>Sa&amp;ve plan</source>
        <translation>Plan &amp;speichern</translation>
    </message>
    <message>
        <source>Save the plan (Ctrl+S)</source>
        <translation>Den Plan speichern (Strg+S)</translation>
    </message>
    <message>
        <source>The minimum sample must be at least 1 customer.</source>
        <translation>Die Mindeststichprobe muss mindestens 1 Kunde sein.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>This cycle is closed: its plan is part of the record</source>
        <translation>Dieser Zyklus ist abgeschlossen: Sein Plan gehört zur Aufzeichnung</translation>
    </message>
    <message>
        <source>No unsaved changes</source>
        <translation>Keine ungespeicherten Änderungen</translation>
    </message>
    <message>
        <source>The whole team takes part: untick &apos;Whole team&apos; to choose reps</source>
        <translation>Das ganze Team nimmt teil: Entfernen Sie das Häkchen bei „Ganzes Team“, um Vertriebler zu wählen</translation>
    </message>
    <message>
        <source>— no tactic —</source>
        <translation>– keine Taktik –</translation>
    </message>
    <message>
        <source>{0} (retired)</source>
        <translation>{0} (ausgemustert)</translation>
    </message>
    <message>
        <source>(stage without a next stage)</source>
        <translation>(Stufe ohne Folgestufe)</translation>
    </message>
    <message>
        <source>— no owner —</source>
        <translation>– niemand verantwortlich –</translation>
    </message>
    <message>
        <source>— choose a team —</source>
        <translation>– Team wählen –</translation>
    </message>
    <message numerus="yes">
        <source>{0}  ·  in %n active cycle(s)</source>
        <translation>
            <numerusform>{0}  ·  in %n aktiven Zyklus</numerusform>
            <numerusform>{0}  ·  in %n aktiven Zyklen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} takes part in %n cycle(s) in Do, Study or Act</source>
        <translation>
            <numerusform>{0} nimmt an %n Zyklus in Do, Study oder Act teil</numerusform>
            <numerusform>{0} nimmt an %n Zyklen in Do, Study oder Act teil</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlotLegend</name>
    <message>
        <source>team rate</source>
        <translation>Teamrate</translation>
    </message>
    <message>
        <source>95% limits</source>
        <translation>95-%-Grenzen</translation>
    </message>
    <message>
        <source>99.8% limits</source>
        <translation>99,8-%-Grenzen</translation>
    </message>
</context>
<context>
    <name>PredictionField</name>
    <message>
        <source>Predicted conversion rate</source>
        <translation>Vorhergesagte Konversionsrate</translation>
    </message>
    <message>
        <source>Drag to the share of customers you expect to make the step</source>
        <translation>Ziehen Sie auf den Anteil der Kunden, die den Schritt voraussichtlich machen</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>Predicted conversion rate (%)</source>
        <translation>Vorhergesagte Konversionsrate (%)</translation>
    </message>
    <message>
        <source>The predicted conversion rate in percent, from 0 to 100 (empty: not set)</source>
        <translation>Die vorhergesagte Umwandlungsrate in Prozent, von 0 bis 100 (leer: nicht gesetzt)</translation>
    </message>
    <message>
        <source>“{0}” is not a number: type the predicted rate in percent, e.g. 35.</source>
        <translation>„{0}“ ist keine Zahl: Geben Sie die vorhergesagte Rate in Prozent ein, z. B. 35.</translation>
    </message>
    <message>
        <source>The prediction must be from 0 % to 100 % (you typed {0}).</source>
        <translation>Die Vorhersage muss zwischen 0 % und 100 % liegen (eingegeben: {0}).</translation>
    </message>
</context>
<context>
    <name>RampTable</name>
    <message>
        <source>Ramp of linked cycles</source>
        <translation>Rampe verknüpfter Zyklen</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>&lt;b&gt;Why?&lt;/b&gt; (kept with the record, for whoever reads it later)</source>
        <translation>&lt;b&gt;Warum?&lt;/b&gt; (wird mit dem Eintrag gespeichert, für alle, die ihn später lesen)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>RepTable</name>
    <message>
        <source>Rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>(no rep)</source>
        <translation>(kein Vertriebler)</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Converted / entered</source>
        <translation>Konvertiert / eingetreten</translation>
    </message>
    <message>
        <source>Opportunities that moved on within the stage&apos;s window, of those that entered</source>
        <translation>Verkaufschancen, die innerhalb des Fensters der Stufe weitergingen, von denen, die eintraten</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>Wilson 95% interval: the rates this rep&apos;s numbers are consistent with</source>
        <translation>Wilson-95-%-Intervall: die Raten, mit denen die Zahlen dieses Vertrieblers vereinbar sind</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Where the rep sits against the funnel&apos;s limits for their volume</source>
        <translation>Wo der Vertriebler gegenüber den Trichtergrenzen für sein Volumen liegt</translation>
    </message>
    <message>
        <source>Active cycles</source>
        <translation>Aktive Zyklen</translation>
    </message>
    <message>
        <source>PDSA cycles the rep takes part in now (started, not yet decided)</source>
        <translation>PDSA-Zyklen, an denen der Vertriebler jetzt teilnimmt (begonnen, noch nicht entschieden)</translation>
    </message>
    <message>
        <source>Too few reps to judge how much they vary.</source>
        <translation>Zu wenige Vertriebler, um zu beurteilen, wie stark sie schwanken.</translation>
    </message>
    <message>
        <source>Too few opportunities per rep to judge how much reps vary.</source>
        <translation>Zu wenige Chancen je Vertriebler, um zu beurteilen, wie stark sie sich unterscheiden.</translation>
    </message>
    <message>
        <source>Reps vary more than chance alone would explain (φ = {0}); limits widened.</source>
        <translation>Die Vertriebler schwanken stärker, als der Zufall allein erklärt (φ = {0}); Grenzen erweitert.</translation>
    </message>
    <message>
        <source>Reps vary more than chance alone would explain (φ = {0}); tick “Adjust for over-dispersion” to widen the limits accordingly.</source>
        <translation>Die Vertriebler schwanken stärker, als der Zufall allein erklärt (φ = {0}); kreuzen Sie „Überdispersion berücksichtigen“ an, um die Grenzen entsprechend zu erweitern.</translation>
    </message>
    <message>
        <source>Reps vary about as much as chance alone would explain (φ = {0}){1}</source>
        <translation>Die Vertriebler schwanken etwa so stark, wie der Zufall allein erklärt (φ = {0}){1}</translation>
    </message>
    <message>
        <source>; no widening needed.</source>
        <translation>; keine Erweiterung nötig.</translation>
    </message>
    <message>
        <source>{0} recent opportunities are not counted yet: their window has not passed.</source>
        <translation>{0} neuere Verkaufschancen werden noch nicht gezählt: Ihr Fenster ist noch nicht vorbei.</translation>
    </message>
    <message>
        <source>Long intervals mean few opportunities: those rates say little yet.</source>
        <translation>Lange Intervalle bedeuten wenige Verkaufschancen: Diese Raten sagen noch wenig.</translation>
    </message>
    <message>
        <source>{0} more entered recently and are not counted yet: their outcome is not known.</source>
        <translation>{0} weitere traten kürzlich ein und werden noch nicht gezählt: Ihr Ergebnis ist nicht bekannt.</translation>
    </message>
</context>
<context>
    <name>RevisionTableModel</name>
    <message>
        <source>Effective from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Observable standard</source>
        <translation>Beobachtbarer Standard</translation>
    </message>
    <message>
        <source>Evidence checklist</source>
        <translation>Nachweis-Checkliste</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>The definition in effect now</source>
        <translation>Die jetzt gültige Definition</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>settings row</source>
        <translation>Einstellungszeile</translation>
    </message>
    <message>
        <source>settings rows</source>
        <translation>Einstellungszeilen</translation>
    </message>
    <message>
        <source>team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>reps</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>stages</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>standard revision</source>
        <translation>Standardrevision</translation>
    </message>
    <message>
        <source>standard revisions</source>
        <translation>Standardrevisionen</translation>
    </message>
    <message>
        <source>loss reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>loss reasons</source>
        <translation>Verlustgründe</translation>
    </message>
    <message>
        <source>opportunity</source>
        <translation>Verkaufschance</translation>
    </message>
    <message>
        <source>opportunities</source>
        <translation>Verkaufschancen</translation>
    </message>
    <message>
        <source>stage move</source>
        <translation>Stufenwechsel</translation>
    </message>
    <message>
        <source>stage moves</source>
        <translation>Stufenwechsel</translation>
    </message>
    <message>
        <source>tactic</source>
        <translation>Taktik</translation>
    </message>
    <message>
        <source>tactics</source>
        <translation>Taktiken</translation>
    </message>
    <message>
        <source>PDSA cycle</source>
        <translation>PDSA-Zyklus</translation>
    </message>
    <message>
        <source>PDSA cycles</source>
        <translation>PDSA-Zyklen</translation>
    </message>
    <message>
        <source>cycle participant</source>
        <translation>Zyklusteilnahme</translation>
    </message>
    <message>
        <source>cycle participants</source>
        <translation>Zyklusteilnahmen</translation>
    </message>
    <message>
        <source>observation</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>observations</source>
        <translation>Beobachtungen</translation>
    </message>
    <message>
        <source>session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <source>chart phase</source>
        <translation>Diagrammphase</translation>
    </message>
    <message>
        <source>chart phases</source>
        <translation>Diagrammphasen</translation>
    </message>
    <message>
        <source>marketing initiative</source>
        <translation>Marketing-Initiative</translation>
    </message>
    <message>
        <source>marketing initiatives</source>
        <translation>Marketing-Initiativen</translation>
    </message>
    <message>
        <source>forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>forecasts</source>
        <translation>Prognosen</translation>
    </message>
    <message>
        <source>Choose a loss reason.</source>
        <translation>Wählen Sie einen Verlustgrund.</translation>
    </message>
    <message>
        <source>An opportunity cannot be won before it was created.</source>
        <translation>Eine Verkaufschance kann nicht vor ihrer Anlage gewonnen sein.</translation>
    </message>
    <message>
        <source>An opportunity cannot be lost before it was created.</source>
        <translation>Eine Verkaufschance kann nicht vor ihrer Anlage verloren sein.</translation>
    </message>
    <message>
        <source>moving it</source>
        <translation>sie verschoben wird</translation>
    </message>
    <message>
        <source>redoing the move</source>
        <translation>der Wechsel wiederholt wird</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is already won; reopen it before %2.</source>
        <translation>„%1“ ist schon gewonnen; öffnen Sie sie wieder, bevor %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is already lost; reopen it before %2.</source>
        <translation>„%1“ ist schon verloren; öffnen Sie sie wieder, bevor %2.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is already %2; reopen it before %3.</source>
        <translation>„%1“ ist schon %2; öffnen Sie sie wieder, bevor %3.</translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation>%1 %2 %3</translation>
    </message>
    <message>
        <source>%1 %2 %3: %4 and %5 more</source>
        <translation>%1 %2 %3: %4 und %5 weitere</translation>
    </message>
    <message>
        <source>%1 %2 %3: %4</source>
        <translation>%1 %2 %3: %4</translation>
    </message>
    <message>
        <source>with an unknown %1 (allowed: %2)</source>
        <translation>mit unbekanntem Wert in %1 (erlaubt: %2)</translation>
    </message>
    <message>
        <source>sharing a name with another live %1 (names are compared ignoring case)</source>
        <translation>mit demselben Namen wie ein(e) andere(s) aktive(s) %1 (Namen werden ohne Groß-/Kleinschreibung verglichen)</translation>
    </message>
    <message>
        <source>without a standard revision (a stage gets its first revision when it is created)</source>
        <translation>ohne Standardrevision (eine Stufe erhält ihre erste Revision bei der Anlage)</translation>
    </message>
    <message>
        <source>won or lost without a close date</source>
        <translation>gewonnen oder verloren ohne Abschlussdatum</translation>
    </message>
    <message>
        <source>open but with a close date</source>
        <translation>offen, aber mit Abschlussdatum</translation>
    </message>
    <message>
        <source>with a close date before the opportunity was created</source>
        <translation>mit einem Abschlussdatum vor der Anlage der Verkaufschance</translation>
    </message>
    <message>
        <source>lost without a loss reason</source>
        <translation>verloren ohne Verlustgrund</translation>
    </message>
    <message>
        <source>with a loss reason but not lost</source>
        <translation>mit Verlustgrund, aber nicht verloren</translation>
    </message>
    <message>
        <source>open although the latest stage move entered the won stage (entering it closes an opportunity as won: mark them won, or undo that move)</source>
        <translation>offen, obwohl der letzte Stufenwechsel in die Gewonnen-Stufe führte (der Eintritt schließt eine Verkaufschance als gewonnen ab: markieren Sie sie als gewonnen oder machen Sie den Wechsel rückgängig)</translation>
    </message>
    <message>
        <source>pointing to an opportunity that does not exist or is deleted</source>
        <translation>mit Verweis auf eine Verkaufschance, die nicht existiert oder gelöscht ist</translation>
    </message>
    <message>
        <source>pointing to a stage that does not exist or is deleted</source>
        <translation>mit Verweis auf eine Stufe, die nicht existiert oder gelöscht ist</translation>
    </message>
    <message>
        <source>dated before the opportunity was created</source>
        <translation>datiert vor der Anlage der Verkaufschance</translation>
    </message>
    <message>
        <source>starting from a stage that does not exist or is deleted</source>
        <translation>ausgehend von einer Stufe, die nicht existiert oder gelöscht ist</translation>
    </message>
    <message>
        <source>predicting a conversion rate outside 0..1</source>
        <translation>mit einer vorhergesagten Konversionsrate außerhalb von 0..1</translation>
    </message>
    <message>
        <source>whose scope does not match what it names (a team for &apos;team&apos;, a rep for &apos;rep&apos;, a channel for &apos;channel&apos;, nothing for &apos;all&apos;; a stage for stage entries only)</source>
        <translation>deren Umfang nicht zu dem passt, was sie nennen (ein Team für „team“, ein Vertriebler für „rep“, ein Kanal für „channel“, nichts für „all“; eine Stufe nur für Stufeneintritte)</translation>
    </message>
    <message>
        <source>forecasting a negative number, or a period ending before it starts</source>
        <translation>mit einer negativen Zahl oder einem Zeitraum, der vor seinem Beginn endet</translation>
    </message>
    <message>
        <source>ending before they start</source>
        <translation>die vor ihrem Beginn enden</translation>
    </message>
    <message>
        <source>in a team that does not exist or is deleted</source>
        <translation>in einem Team, das nicht existiert oder gelöscht ist</translation>
    </message>
    <message>
        <source>not at positions 0..%1 in order (%2); reorder them on the Standards page</source>
        <translation>nicht der Reihe nach auf den Positionen 0..%1 (%2); ordnen Sie sie auf der Seite „Standards“ neu</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <source>The &apos;keyring&apos; package is not installed, so passwords cannot be remembered.</source>
        <translation>Das Paket „keyring“ ist nicht installiert, daher können Passwörter nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>This computer has no usable system keyring, so passwords cannot be remembered.</source>
        <translation>Dieser Computer hat keinen nutzbaren Schlüsselbund des Systems, daher können Passwörter nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>SendStandardsDialog</name>
    <message>
        <source>Send standards to the team</source>
        <translation>Standards an das Team senden</translation>
    </message>
    <message>
        <source>Writes the team&apos;s standards — stages with their standard revisions, tactics, loss reasons, teams and reps, and the workspace settings (currency, time zone, week start, windows and caps; not the name) — to one file, without any opportunities or cycles. Each rep merges it with File → Merge a colleague&apos;s work, so that every laptop has the same stages, reps, tactics and settings. A new order of the stages is adopted on their laptops.</source>
        <translation>Schreibt die Standards des Teams – Stufen mit ihren Standard-Revisionen, Taktiken, Verlustgründe, Teams und Vertriebler sowie die Arbeitsbereichseinstellungen (Währung, Zeitzone, Wochenbeginn, Fenster und Obergrenzen; nicht den Namen) – in eine Datei, ohne Verkaufschancen oder Zyklen. Jeder Vertriebler führt sie mit Datei → Arbeit eines Kollegen zusammenführen zusammen, damit jeder Laptop dieselben Stufen, Vertriebler, Taktiken und Einstellungen hat. Eine neue Reihenfolge der Stufen wird auf ihren Laptops übernommen.</translation>
    </message>
    <message>
        <source>Wrote {0}: {1} stages, {2} tactics, {3} loss reasons, {4} teams, {5} reps. Send it to every rep.</source>
        <translation>{0} geschrieben: {1} Stufen, {2} Taktiken, {3} Verlustgründe, {4} Teams, {5} Vertriebler. Senden Sie die Datei an jeden Vertriebler.</translation>
    </message>
</context>
<context>
    <name>SendWorkDialog</name>
    <message>
        <source>Send my work</source>
        <translation>Meine Arbeit senden</translation>
    </message>
    <message>
        <source>Writes your work — opportunities, board moves, PDSA cycles and observations, with the stages, reps and tactics they use — to one file. Send it to your manager (e-mail, USB stick, shared folder), who merges it with File → Merge a colleague&apos;s work.</source>
        <translation>Schreibt Ihre Arbeit – Verkaufschancen, Board-Wechsel, PDSA-Zyklen und Beobachtungen, mit den verwendeten Stufen, Vertrieblern und Taktiken – in eine Datei. Senden Sie sie Ihrer Führungskraft (E-Mail, USB-Stick, freigegebener Ordner), die sie mit Datei → Arbeit eines Kollegen zusammenführen übernimmt.</translation>
    </message>
    <message>
        <source>Only what changed since</source>
        <translation>Nur Änderungen seit</translation>
    </message>
    <message>
        <source>Changes:</source>
        <translation>Änderungen:</translation>
    </message>
    <message>
        <source>Leave unticked to send everything: merging what your manager already has changes nothing there.</source>
        <translation>Ohne Häkchen wird alles gesendet: Was Ihre Führungskraft schon hat, ändert beim Zusammenführen nichts.</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>cycle</source>
        <translation>Zyklus</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>Zyklus</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>Rep</source>
        <translation>Vertriebler</translation>
    </message>
    <message>
        <source>team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>tactic</source>
        <translation>Taktik</translation>
    </message>
    <message>
        <source>Tactic</source>
        <translation>Taktik</translation>
    </message>
    <message>
        <source>opportunity</source>
        <translation>Verkaufschance</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Verkaufschance</translation>
    </message>
    <message>
        <source>loss reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>Loss reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>forecaster</source>
        <translation>Prognostiker</translation>
    </message>
    <message>
        <source>Forecaster</source>
        <translation>Prognostiker</translation>
    </message>
    <message>
        <source>forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>marketing initiative</source>
        <translation>Marketing-Initiative</translation>
    </message>
    <message>
        <source>Marketing initiative</source>
        <translation>Marketing-Initiative</translation>
    </message>
    <message>
        <source>initiative</source>
        <translation>Initiative</translation>
    </message>
    <message>
        <source>Initiative</source>
        <translation>Initiative</translation>
    </message>
    <message>
        <source>workspace settings</source>
        <translation>Arbeitsbereichseinstellungen</translation>
    </message>
    <message>
        <source>Workspace settings</source>
        <translation>Arbeitsbereichseinstellungen</translation>
    </message>
    <message>
        <source>parent cycle</source>
        <translation>Vorgängerzyklus</translation>
    </message>
    <message>
        <source>ramp cycle</source>
        <translation>Rampenzyklus</translation>
    </message>
    <message>
        <source>stage move</source>
        <translation>Stufenwechsel</translation>
    </message>
    <message>
        <source>observation</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>chart phase</source>
        <translation>Diagrammphase</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>WIP limit</source>
        <translation>WIP-Limit</translation>
    </message>
    <message>
        <source>Conversion window (days)</source>
        <translation>Konversionsfenster (Tage)</translation>
    </message>
    <message>
        <source>Terminal kind</source>
        <translation>Art der Endstufe</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Minimum sample size</source>
        <translation>Mindeststichprobe</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Tactic status</source>
        <translation>Taktikstatus</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>The link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>The talking points</source>
        <translation>Gesprächspunkte</translation>
    </message>
    <message>
        <source>The notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>The start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>The end</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>The period&apos;s first day</source>
        <translation>Erster Tag des Zeitraums</translation>
    </message>
    <message>
        <source>The period&apos;s last day</source>
        <translation>Letzter Tag des Zeitraums</translation>
    </message>
    <message>
        <source>Cycles needing marketing at once</source>
        <translation>Gleichzeitige Zyklen mit Marketingbedarf</translation>
    </message>
    <message>
        <source>The %1 no longer exists (it may have been deleted).</source>
        <translation>Der Eintrag (%1) existiert nicht mehr (vielleicht wurde er gelöscht).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was changed by someone else. Reload to see their version; your edit was not saved.</source>
        <translation>„%1“ wurde von jemand anderem geändert. Laden Sie neu, um diese Fassung zu sehen; Ihre Änderung wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was changed by someone else at %2 UTC. Reload to see their version; your edit was not saved.</source>
        <translation>„%1“ wurde um %2 UTC von jemand anderem geändert. Laden Sie neu, um diese Fassung zu sehen; Ihre Änderung wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was changed by someone else on %2 at %3 UTC. Reload to see their version; your edit was not saved.</source>
        <translation>„%1“ wurde am %2 um %3 UTC von jemand anderem geändert. Laden Sie neu, um diese Fassung zu sehen; Ihre Änderung wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>%1 name must not be empty.</source>
        <translation>%1: Der Name darf nicht leer sein.</translation>
    </message>
    <message>
        <source>%1 name is too long (%2 characters; at most %3).</source>
        <translation>%1: Der Name ist zu lang (%2 Zeichen; höchstens %3).</translation>
    </message>
    <message>
        <source>%1 name &apos;%2&apos; already exists.</source>
        <translation>%1: Der Name „%2“ ist schon vergeben.</translation>
    </message>
    <message>
        <source>Times must include a time zone.</source>
        <translation>Zeitangaben brauchen eine Zeitzone.</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1 muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>%1 must be at least %2.</source>
        <translation>%1 muss mindestens %2 sein.</translation>
    </message>
    <message>
        <source>%1 item &apos;%2…&apos; is too long (at most 200 characters).</source>
        <translation>%1: Der Eintrag „%2…“ ist zu lang (höchstens 200 Zeichen).</translation>
    </message>
    <message>
        <source>%1 item &apos;%2&apos; is listed twice.</source>
        <translation>%1: Der Eintrag „%2“ steht zweimal in der Liste.</translation>
    </message>
    <message>
        <source>%1 must be one of: %2 (got &apos;%3&apos;).</source>
        <translation>%1 muss einer dieser Werte sein: %2 (angegeben: „%3“).</translation>
    </message>
    <message>
        <source>%1 (%2 active)</source>
        <translation>%1 (%2 aktiv)</translation>
    </message>
    <message>
        <source>Over the limit of %1 active cycles per rep: %2.</source>
        <translation>Über der Grenze von %1 aktiven Zyklen je Vertriebler: %2.</translation>
    </message>
    <message>
        <source>Over marketing&apos;s limit of %1 cycles needing marketing support at once: %2 already runs.</source>
        <translation>Über der Grenze des Marketings von %1 gleichzeitigen Zyklen mit Marketingunterstützung: %2 läuft schon.</translation>
    </message>
    <message>
        <source>Over marketing&apos;s limit of %1 cycles needing marketing support at once: %2 already run.</source>
        <translation>Über der Grenze des Marketings von %1 gleichzeitigen Zyklen mit Marketingunterstützung: %2 laufen schon.</translation>
    </message>
    <message>
        <source>Confirm to start anyway.</source>
        <translation>Bestätigen Sie, um trotzdem zu starten.</translation>
    </message>
    <message>
        <source>A cycle cannot have started in the future.</source>
        <translation>Ein Zyklus kann nicht in der Zukunft begonnen haben.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; has already started.</source>
        <translation>Zyklus „%1“ hat schon begonnen.</translation>
    </message>
    <message>
        <source>Choose at least one rep who takes part before starting.</source>
        <translation>Wählen Sie vor dem Start mindestens einen teilnehmenden Vertriebler.</translation>
    </message>
    <message>
        <source>Write down a numeric prediction before starting: without one there is nothing to learn from.</source>
        <translation>Schreiben Sie vor dem Start eine zahlenmäßige Vorhersage auf: Ohne sie gibt es nichts, woraus man lernen kann.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; is in %2; it cannot move on from there.</source>
        <translation>Zyklus „%1“ ist in %2; von dort geht es nicht weiter.</translation>
    </message>
    <message>
        <source>Write the team&apos;s interpretation of the results before deciding.</source>
        <translation>Schreiben Sie vor der Entscheidung die Interpretation der Ergebnisse durch das Team auf.</translation>
    </message>
    <message>
        <source>Study cycle &apos;%1&apos; before deciding (it is in %2).</source>
        <translation>Werten Sie Zyklus „%1“ vor der Entscheidung aus (er ist in %2).</translation>
    </message>
    <message>
        <source>Say why: the rationale is what the next team will read.</source>
        <translation>Sagen Sie, warum: Die Begründung ist das, was das nächste Team liest.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is the last stage: a cycle needs a transition to a next stage.</source>
        <translation>„%1“ ist die letzte Stufe: Ein Zyklus braucht einen Übergang zu einer nächsten Stufe.</translation>
    </message>
    <message>
        <source>The predicted conversion rate must be a number.</source>
        <translation>Die vorhergesagte Konversionsrate muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>The predicted conversion rate must be between 0% and 100%.</source>
        <translation>Die vorhergesagte Konversionsrate muss zwischen 0 % und 100 % liegen.</translation>
    </message>
    <message>
        <source>The planned end date is before the start date.</source>
        <translation>Das geplante Enddatum liegt vor dem Startdatum.</translation>
    </message>
    <message>
        <source>The baseline window must end after it starts.</source>
        <translation>Das Basisfenster muss nach seinem Beginn enden.</translation>
    </message>
    <message>
        <source>Choose the team that takes part.</source>
        <translation>Wählen Sie das teilnehmende Team.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; is closed; its record can no longer be changed.</source>
        <translation>Zyklus „%1“ ist abgeschlossen; seine Aufzeichnung kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; continues in a later ramp cycle; delete that first.</source>
        <translation>Zyklus „%1“ wird in einem späteren Rampenzyklus fortgesetzt; löschen Sie zuerst diesen.</translation>
    </message>
    <message>
        <source>A quarter is 1 to 4.</source>
        <translation>Ein Quartal ist 1 bis 4.</translation>
    </message>
    <message>
        <source>%1 is too long (%2 characters; at most %3).</source>
        <translation>%1: zu lang (%2 Zeichen; höchstens %3).</translation>
    </message>
    <message>
        <source>The link must start with http://, https:// or mailto:.</source>
        <translation>Der Link muss mit http://, https:// oder mailto: beginnen.</translation>
    </message>
    <message>
        <source>%1 must be a date.</source>
        <translation>%1: Bitte ein Datum angeben.</translation>
    </message>
    <message>
        <source>The end must not be before the start.</source>
        <translation>Das Ende darf nicht vor dem Beginn liegen.</translation>
    </message>
    <message>
        <source>The marketing initiative no longer exists.</source>
        <translation>Die Marketing-Initiative existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The period must be one calendar month or quarter (from its first to its last day).</source>
        <translation>Der Zeitraum muss ein Kalendermonat oder -quartal sein (von seinem ersten bis zu seinem letzten Tag).</translation>
    </message>
    <message>
        <source>The forecast must be a number.</source>
        <translation>Die Prognose muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>The forecast must be a number of 0 or more.</source>
        <translation>Die Prognose muss eine Zahl von 0 oder mehr sein.</translation>
    </message>
    <message>
        <source>A forecast of a count must be a whole number.</source>
        <translation>Die Prognose einer Anzahl muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>A forecast cannot have been made in the future.</source>
        <translation>Eine Prognose kann nicht in der Zukunft abgegeben worden sein.</translation>
    </message>
    <message>
        <source>A forecast for scope &apos;%1&apos; takes no %2.</source>
        <translation>Eine Prognose für den Umfang „%1“ braucht keine Angabe zu: %2.</translation>
    </message>
    <message>
        <source>Choose the %1 the forecast is for.</source>
        <translation>Wählen Sie, wofür die Prognose gilt (%1).</translation>
    </message>
    <message>
        <source>Choose the stage whose entries are forecast.</source>
        <translation>Wählen Sie die Stufe, deren Eintritte prognostiziert werden.</translation>
    </message>
    <message>
        <source>Only a forecast of stage entries names a stage.</source>
        <translation>Nur eine Prognose von Stufeneintritten nennt eine Stufe.</translation>
    </message>
    <message>
        <source>The forecast no longer exists.</source>
        <translation>Die Prognose existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The workspace has no settings row; run &apos;pdsa-desk check&apos;.</source>
        <translation>Der Arbeitsbereich hat keine Einstellungszeile; führen Sie „pdsa-desk check“ aus.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; is closed.</source>
        <translation>Zyklus „%1“ ist abgeschlossen.</translation>
    </message>
    <message>
        <source>Write what you observed.</source>
        <translation>Schreiben Sie auf, was Sie beobachtet haben.</translation>
    </message>
    <message>
        <source>An observation is at most %1 characters (this one has %2); split it into several entries.</source>
        <translation>Eine Beobachtung hat höchstens %1 Zeichen (diese hat %2); teilen Sie sie auf mehrere Einträge auf.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; is decided: its log is part of the record, so the observation stays.</source>
        <translation>Über Zyklus „%1“ ist entschieden: Sein Protokoll gehört zur Aufzeichnung, daher bleibt die Beobachtung.</translation>
    </message>
    <message>
        <source>Amount &apos;%1&apos; is not a number.</source>
        <translation>Der Betrag „%1“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>Amount must be zero or more.</source>
        <translation>Der Betrag muss null oder mehr sein.</translation>
    </message>
    <message>
        <source>An opportunity with id &apos;%1&apos; from %2 already exists (&apos;%3&apos;).</source>
        <translation>Eine Verkaufschance mit der ID „%1“ aus %2 gibt es schon („%3“).</translation>
    </message>
    <message>
        <source>A deleted opportunity had id &apos;%1&apos; from %2 (&apos;%3&apos;); use another id.</source>
        <translation>Eine gelöschte Verkaufschance hatte die ID „%1“ aus %2 („%3“); verwenden Sie eine andere ID.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; holds %2 open opportunities; its WIP limit is %3. Confirm to move anyway (the override is recorded).</source>
        <translation>„%1“ enthält %2 offene Verkaufschancen; ihr WIP-Limit ist %3. Bestätigen Sie, um trotzdem zu verschieben (die Überschreitung wird festgehalten).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not on the evidence checklist of stage &apos;%2&apos;.</source>
        <translation>„%1“ steht nicht auf der Nachweis-Checkliste der Stufe „%2“.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot enter &apos;%2&apos; before it was created (%3 UTC).</source>
        <translation>„%1“ kann nicht vor ihrer Anlage (%3 UTC) in „%2“ eintreten.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is already in &apos;%2&apos;.</source>
        <translation>„%1“ ist schon in „%2“.</translation>
    </message>
    <message>
        <source>That move cannot be redone: it is not undone any more.</source>
        <translation>Dieser Wechsel kann nicht wiederholt werden: Er ist nicht mehr rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Choose a loss reason.</source>
        <translation>Wählen Sie einen Verlustgrund.</translation>
    </message>
    <message>
        <source>The open date cannot be after its first stage move (%1).</source>
        <translation>Das Eröffnungsdatum kann nicht nach dem ersten Stufenwechsel (%1) liegen.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; entered the won stage; to reopen it, undo that move on the Board (Ctrl+Z) or record its next move.</source>
        <translation>„%1“ ist in die Gewonnen-Stufe eingetreten; um sie wieder zu öffnen, machen Sie diesen Wechsel auf dem Board rückgängig (Strg+Z) oder erfassen Sie ihren nächsten Wechsel.</translation>
    </message>
    <message>
        <source>The close date cannot be in the future.</source>
        <translation>Das Abschlussdatum kann nicht in der Zukunft liegen.</translation>
    </message>
    <message>
        <source>The opportunity no longer exists.</source>
        <translation>Die Verkaufschance existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Team &apos;%1&apos; still has %2 rep; move them to another team first.</source>
        <translation>Team „%1“ hat noch %2 Vertriebler; verschieben Sie ihn zuerst in ein anderes Team.</translation>
    </message>
    <message>
        <source>Team &apos;%1&apos; still has %2 reps; move them to another team first.</source>
        <translation>Team „%1“ hat noch %2 Vertriebler; verschieben Sie sie zuerst in ein anderes Team.</translation>
    </message>
    <message>
        <source>Team &apos;%1&apos; takes part in PDSA cycles as a whole team; it cannot be deleted.</source>
        <translation>Team „%1“ nimmt als ganzes Team an PDSA-Zyklen teil; es kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an e-mail address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Team &apos;%1&apos; is inactive; reactivate it first.</source>
        <translation>Team „%1“ ist inaktiv; aktivieren Sie es zuerst wieder.</translation>
    </message>
    <message>
        <source>Rep &apos;%1&apos; owns %2 opportunities; mark the rep inactive instead of deleting.</source>
        <translation>Vertriebler „%1“ betreut %2 Verkaufschancen; markieren Sie ihn als inaktiv, statt ihn zu löschen.</translation>
    </message>
    <message>
        <source>Rep &apos;%1&apos; takes part in PDSA cycles; mark the rep inactive instead.</source>
        <translation>Vertriebler „%1“ nimmt an PDSA-Zyklen teil; markieren Sie ihn stattdessen als inaktiv.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no next stage: there is no conversion chart to mark.</source>
        <translation>„%1“ hat keine nächste Stufe: Es gibt kein Konversionsdiagramm zum Markieren.</translation>
    </message>
    <message>
        <source>Say why: the reason is what a colleague reads on the chart.</source>
        <translation>Sagen Sie, warum: Den Grund liest eine Kollegin oder ein Kollege im Diagramm.</translation>
    </message>
    <message>
        <source>The reason is too long (%1 characters; at most %2).</source>
        <translation>Der Grund ist zu lang (%1 Zeichen; höchstens %2).</translation>
    </message>
    <message>
        <source>Choose when the phase starts.</source>
        <translation>Wählen Sie, wann die Phase beginnt.</translation>
    </message>
    <message>
        <source>A phase of &apos;%1&apos; already starts at that moment.</source>
        <translation>Eine Phase von „%1“ beginnt schon zu diesem Zeitpunkt.</translation>
    </message>
    <message>
        <source>The chart phase no longer exists.</source>
        <translation>Die Diagrammphase existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Team &apos;%1&apos; still has %2 active rep; move them to another team or deactivate them first.</source>
        <translation>Team „%1“ hat noch %2 aktiven Vertriebler; verschieben Sie ihn zuerst in ein anderes Team oder deaktivieren Sie ihn.</translation>
    </message>
    <message>
        <source>Team &apos;%1&apos; still has %2 active reps; move them to another team or deactivate them first.</source>
        <translation>Team „%1“ hat noch %2 aktive Vertriebler; verschieben Sie sie zuerst in ein anderes Team oder deaktivieren Sie sie.</translation>
    </message>
    <message>
        <source>The %1 no longer exists.</source>
        <translation>Der Eintrag (%1) existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The new order must list every loss reason exactly once.</source>
        <translation>Die neue Reihenfolge muss jeden Verlustgrund genau einmal enthalten.</translation>
    </message>
    <message>
        <source>The cycle no longer exists.</source>
        <translation>Der Zyklus existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; changed since this step (it is now in %2); the step cannot be taken back.</source>
        <translation>Zyklus „%1“ hat sich seit diesem Schritt geändert (er ist jetzt in %2); der Schritt kann nicht zurückgenommen werden.</translation>
    </message>
    <message>
        <source>The decision on &apos;%1&apos; stays: its ramp cycle &apos;%2&apos; has started or has observations. Delete or undo those first.</source>
        <translation>Die Entscheidung über „%1“ bleibt: Sein Rampenzyklus „%2“ hat begonnen oder hat Beobachtungen. Löschen Sie diese oder machen Sie sie zuerst rückgängig.</translation>
    </message>
    <message>
        <source>The decision on &apos;%1&apos; stays: &apos;%2&apos; continues in a later cycle.</source>
        <translation>Die Entscheidung über „%1“ bleibt: „%2“ wird in einem späteren Zyklus fortgesetzt.</translation>
    </message>
    <message>
        <source>The %1 cannot be brought back: it is not deleted any more.</source>
        <translation>Der Eintrag (%1) kann nicht zurückgeholt werden: Er ist nicht mehr gelöscht.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; has started; it is not taken back.</source>
        <translation>Zyklus „%1“ hat begonnen; er wird nicht zurückgenommen.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; has observations; it is not taken back.</source>
        <translation>Zyklus „%1“ hat Beobachtungen; er wird nicht zurückgenommen.</translation>
    </message>
    <message>
        <source>Cycle &apos;%1&apos; continues in a later cycle; it is not taken back.</source>
        <translation>Zyklus „%1“ wird in einem späteren Zyklus fortgesetzt; er wird nicht zurückgenommen.</translation>
    </message>
    <message>
        <source>Tactic &apos;%1&apos; is tested in a cycle now; it is not taken back.</source>
        <translation>Taktik „%1“ wird jetzt in einem Zyklus getestet; sie wird nicht zurückgenommen.</translation>
    </message>
    <message>
        <source>Stage &apos;%1&apos; is in use now (moves, cycles or tactics); it is not taken back.</source>
        <translation>Stufe „%1“ wird jetzt verwendet (Wechsel, Zyklen oder Taktiken); sie wird nicht zurückgenommen.</translation>
    </message>
    <message>
        <source>The stage cannot be brought back: it is not deleted any more.</source>
        <translation>Die Stufe kann nicht zurückgeholt werden: Sie ist nicht mehr gelöscht.</translation>
    </message>
    <message>
        <source>This workspace has stages already; the template is for a workspace without any.</source>
        <translation>Dieser Arbeitsbereich hat schon Stufen; die Vorlage ist für einen Arbeitsbereich ohne Stufen.</translation>
    </message>
    <message>
        <source>The template&apos;s stages were changed or deleted meanwhile; nothing was changed.</source>
        <translation>Die Stufen der Vorlage wurden inzwischen geändert oder gelöscht; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The template&apos;s stages are in use now (opportunities, cycles or tactics refer to them); change or delete them on the Standards page instead.</source>
        <translation>Die Stufen der Vorlage werden jetzt verwendet (Verkaufschancen, Zyklen oder Taktiken verweisen darauf); ändern oder löschen Sie sie stattdessen auf der Seite „Standards“.</translation>
    </message>
    <message>
        <source>A stage named &apos;%1&apos; was added meanwhile; nothing was redone.</source>
        <translation>Inzwischen wurde eine Stufe namens „%1“ hinzugefügt; nichts wurde wiederholt.</translation>
    </message>
    <message>
        <source>Stage &apos;%1&apos; has %2 recorded stage moves and cannot be deleted: its history would be lost. Rename it or change its standard instead.</source>
        <translation>Stufe „%1“ hat %2 erfasste Stufenwechsel und kann nicht gelöscht werden: Ihre Geschichte ginge verloren. Benennen Sie sie stattdessen um oder ändern Sie ihren Standard.</translation>
    </message>
    <message>
        <source>Stage &apos;%1&apos; is the starting stage of PDSA cycles and cannot be deleted.</source>
        <translation>Stufe „%1“ ist die Ausgangsstufe von PDSA-Zyklen und kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Tactics aim at stage &apos;%1&apos;; move or delete them first.</source>
        <translation>Taktiken zielen auf Stufe „%1“; verschieben oder löschen Sie sie zuerst.</translation>
    </message>
    <message>
        <source>The new order must list every stage exactly once.</source>
        <translation>Die neue Reihenfolge muss jede Stufe genau einmal enthalten.</translation>
    </message>
    <message>
        <source>The stage no longer exists (it may have been deleted).</source>
        <translation>Die Stufe existiert nicht mehr (vielleicht wurde sie gelöscht).</translation>
    </message>
    <message>
        <source>Loss reason &apos;%1&apos; is used by %2 lost opportunities; rename it instead.</source>
        <translation>Verlustgrund „%1“ wird von %2 verlorenen Verkaufschancen verwendet; benennen Sie ihn stattdessen um.</translation>
    </message>
    <message>
        <source>What is asked of marketing is too long (%1 characters; at most 2000).</source>
        <translation>Was vom Marketing erbeten wird, ist zu lang (%1 Zeichen; höchstens 2000).</translation>
    </message>
    <message>
        <source>Tactic &apos;%1&apos; was tested in PDSA cycles; retire it instead of deleting it.</source>
        <translation>Taktik „%1“ wurde in PDSA-Zyklen getestet; setzen Sie sie außer Dienst, statt sie zu löschen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Workspace settings</source>
        <translation>Arbeitsbereichseinstellungen</translation>
    </message>
    <message>
        <source>e.g. North sales team</source>
        <translation>z. B. Vertriebsteam Nord</translation>
    </message>
    <message>
        <source>None chosen (amounts without a currency)</source>
        <translation>Keine gewählt (Beträge ohne Währung)</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <source>{0} — not in Qt&apos;s list</source>
        <translation>{0} – nicht in der Liste von Qt</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>Keine Obergrenze</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>The window&apos;s title and the weekly report&apos;s title; bundles you send say they come from it.</source>
        <translation>Der Titel des Fensters und des Wochenberichts; Dateien, die Sie senden, nennen ihn als Absender.</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>&amp;Währung:</translation>
    </message>
    <message>
        <source>Use this computer&apos;s ({0})</source>
        <translation>Die dieses Computers ({0})</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>The team&apos;s zone: weeks and months on the agenda and the charts begin at its midnight.</source>
        <translation>Die Zeitzone des Teams: Wochen und Monate in der Agenda und den Diagrammen beginnen um ihre Mitternacht.</translation>
    </message>
    <message>
        <source>&amp;Week starts on:</source>
        <translation>&amp;Woche beginnt am:</translation>
    </message>
    <message>
        <source>Conversion &amp;window:</source>
        <translation>&amp;Konversionsfenster:</translation>
    </message>
    <message>
        <source>For new stages: how long after entering a stage a conversion still counts. Each stage keeps its own window (Standards).</source>
        <translation>Für neue Stufen: wie lange nach dem Eintritt in eine Stufe eine Konversion noch zählt. Jede Stufe behält ihr eigenes Fenster (Standards).</translation>
    </message>
    <message>
        <source>Active &amp;cycles per rep:</source>
        <translation>Aktive &amp;Zyklen je Vertriebler:</translation>
    </message>
    <message>
        <source>The agenda lists reps taking part in more started, undecided cycles than this.</source>
        <translation>Die Agenda nennt Vertriebler, die an mehr begonnenen, unentschiedenen Zyklen teilnehmen.</translation>
    </message>
    <message>
        <source>&amp;Marketing cycles at once:</source>
        <translation>&amp;Marketing-Zyklen gleichzeitig:</translation>
    </message>
    <message>
        <source>How many cycles that need marketing&apos;s help may run at the same time.</source>
        <translation>Wie viele Zyklen, die Hilfe vom Marketing brauchen, gleichzeitig laufen dürfen.</translation>
    </message>
    <message>
        <source>Everything but the name travels with the work you send (the newer settings win), so the whole team counts weeks the same way.</source>
        <translation>Alles außer dem Namen reist mit der Arbeit, die Sie senden (die neueren Einstellungen gelten), damit das ganze Team Wochen gleich zählt.</translation>
    </message>
</context>
<context>
    <name>SetupGuide</name>
    <message>
        <source>&lt;h3&gt;Set up this workspace in three steps&lt;/h3&gt;</source>
        <extracomment>(view key, method of the view) → run that view&apos;s action: given by the main window. A step&apos;s action changed the workspace (the view refreshes).</extracomment>
        <translation>&lt;h3&gt;Diesen Arbeitsbereich in drei Schritten einrichten&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>pdsa-desk counts how customers move from one stage of their journey to the next, and lets the team test one new tactic at a time. It needs your stages, your opportunities and a first experiment.</source>
        <translation>pdsa-desk zählt, wie Kunden von einer Stufe ihres Wegs zur nächsten gelangen, und lässt das Team jeweils eine neue Taktik testen. Dafür braucht es Ihre Stufen, Ihre Verkaufschancen und ein erstes Experiment.</translation>
    </message>
    <message>
        <source>Start from a &amp;template</source>
        <translation>Mit einer &amp;Vorlage beginnen</translation>
    </message>
    <message>
        <source>Six common B2B stages, from “Lead captured” to “Won”, each defined by what the customer does; change them on the Standards page</source>
        <translation>Sechs übliche B2B-Stufen von „Lead erfasst“ bis „Gewonnen“, jede durch das Handeln des Kunden definiert; auf der Seite Standards änderbar</translation>
    </message>
    <message>
        <source>Define my &amp;own stages…</source>
        <translation>&amp;Eigene Stufen festlegen…</translation>
    </message>
    <message>
        <source>Define your stages</source>
        <translation>Stufen festlegen</translation>
    </message>
    <message>
        <source>The steps of your customer&apos;s journey, each with an observable standard: what the customer has done (“shared a budget range in writing”), not what the seller hopes.</source>
        <translation>Die Schritte auf dem Weg Ihres Kunden, jeder mit einem beobachtbaren Standard: was der Kunde getan hat („hat einen Budgetrahmen schriftlich genannt“), nicht was der Verkäufer hofft.</translation>
    </message>
    <message>
        <source>&amp;Import a CRM export…</source>
        <translation>CRM-Export &amp;importieren…</translation>
    </message>
    <message>
        <source>A CSV or Excel export of opportunities and their stage history</source>
        <translation>Ein CSV- oder Excel-Export der Verkaufschancen und ihrer Stufenhistorie</translation>
    </message>
    <message>
        <source>&amp;Add an opportunity…</source>
        <translation>Verkaufschance &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add one opportunity on the Board (Ctrl+N there)</source>
        <translation>Eine Verkaufschance auf dem Board hinzufügen (dort Strg+N)</translation>
    </message>
    <message>
        <source>Bring in opportunities</source>
        <translation>Verkaufschancen übernehmen</translation>
    </message>
    <message>
        <source>Import your CRM&apos;s stage history, so that the charts start with your past weeks, or add opportunities one at a time on the Board.</source>
        <translation>Importieren Sie die Stufenhistorie Ihres CRM, damit die Diagramme mit Ihren vergangenen Wochen beginnen, oder legen Sie Verkaufschancen einzeln im Board an.</translation>
    </message>
    <message>
        <source>&amp;Plan a cycle…</source>
        <translation>Zyklus &amp;planen…</translation>
    </message>
    <message>
        <source>Plan your first cycle</source>
        <translation>Ersten Zyklus planen</translation>
    </message>
    <message>
        <source>One new tactic, tried by a few reps for a few weeks, with a numeric prediction: “with an agenda sent before the call, 60&#xa0;% of discovery calls will lead to a shared budget”.</source>
        <translation>Eine neue Taktik, von einigen Vertrieblern einige Wochen lang ausprobiert, mit einer zahlenmäßigen Vorhersage: „Mit einer vorab geschickten Agenda führen 60&#xa0;% der Erstgespräche zu einem genannten Budget.“</translation>
    </message>
    <message>
        <source>This workspace is open read-only</source>
        <translation>Dieser Arbeitsbereich ist schreibgeschützt geöffnet</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>To do</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Define your stages first</source>
        <translation>Legen Sie zuerst Ihre Stufen fest</translation>
    </message>
    <message>
        <source>Stages not added</source>
        <translation>Stufen nicht hinzugefügt</translation>
    </message>
    <message numerus="yes">
        <source>Added %n stages from the template; change them on the Standards page.</source>
        <translation>
            <numerusform>%n Stufe aus der Vorlage hinzugefügt; ändern Sie sie auf der Seite Standards.</numerusform>
            <numerusform>%n Stufen aus der Vorlage hinzugefügt; ändern Sie sie auf der Seite Standards.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <extracomment>Where it works: &quot;&quot; everywhere (the menus), else a view&apos;s title.</extracomment>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Überall</translation>
    </message>
</context>
<context>
    <name>StageEditor</name>
    <message>
        <source>Stage definition</source>
        <extracomment>The fields of a stage the editor changes (keyword names of ``services.update_stage``). Changing one of these records a StandardRevision: it changes what the numbers mean.</extracomment>
        <translation>Stufendefinition</translation>
    </message>
    <message>
        <source>e.g. Budget shared</source>
        <translation>z. B. Budget genannt</translation>
    </message>
    <message>
        <source>What the customer did that anyone could verify, e.g. “The customer shared a budget range in writing.” Not a seller activity such as “Sent the pricing sheet”.</source>
        <translation>Was der Kunde getan hat und jeder prüfen könnte, z. B. „Der Kunde hat einen Budgetrahmen schriftlich genannt.“ Keine Tätigkeit des Verkäufers wie „Preisliste gesendet“.</translation>
    </message>
    <message>
        <source>Observable standard</source>
        <translation>Beobachtbarer Standard</translation>
    </message>
    <message>
        <source>Describe a customer behaviour you could show someone, not something the seller did.</source>
        <translation>Beschreiben Sie ein Kundenverhalten, das Sie jemandem zeigen könnten, nicht etwas, das der Verkäufer tat.</translation>
    </message>
    <message>
        <source>What a rep ticks as seen before moving a customer into this stage.</source>
        <translation>Was ein Vertriebler als gesehen abhakt, bevor er einen Kunden in diese Stufe verschiebt.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Observable &amp;standard:</source>
        <translation>Beobachtbarer &amp;Standard:</translation>
    </message>
    <message>
        <source>Evidence &amp;checklist:</source>
        <translation>Nachweis-&amp;Checkliste:</translation>
    </message>
    <message>
        <source>Limits:</source>
        <translation>Grenzen:</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Evidence checklist</source>
        <translation>Nachweis-Checkliste</translation>
    </message>
    <message>
        <source>Double-click or press F2 to edit an item; drag to reorder</source>
        <translation>Doppelklicken oder F2 drücken, um einen Eintrag zu bearbeiten; ziehen zum Umordnen</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>Eintrag hinzufügen</translation>
    </message>
    <message>
        <source>Add a piece of evidence to check</source>
        <translation>Einen zu prüfenden Nachweis hinzufügen</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>Eintrag entfernen</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>WIP limit</source>
        <translation>WIP-Limit</translation>
    </message>
    <message>
        <source>At most this many open opportunities should sit in the stage at once</source>
        <translation>Höchstens so viele offene Verkaufschancen sollten gleichzeitig in der Stufe liegen</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Conversion window</source>
        <translation>Konversionsfenster</translation>
    </message>
    <message>
        <source>A customer entering this stage counts as converted if they reach the next stage within this time</source>
        <translation>Ein Kunde, der in diese Stufe eintritt, gilt als konvertiert, wenn er die nächste Stufe innerhalb dieser Zeit erreicht</translation>
    </message>
    <message>
        <source>No — a step on the way</source>
        <translation>Nein – ein Schritt auf dem Weg</translation>
    </message>
    <message>
        <source>Won — a signed sale</source>
        <translation>Gewonnen – ein unterschriebener Verkauf</translation>
    </message>
    <message>
        <source>Terminal stage</source>
        <translation>Endstufe</translation>
    </message>
    <message>
        <source>Reaching a “won” stage closes the opportunity as won</source>
        <translation>Das Erreichen einer Stufe „gewonnen“ schließt die Verkaufschance als gewonnen ab</translation>
    </message>
    <message>
        <source>&amp;WIP limit:</source>
        <translation>&amp;WIP-Limit:</translation>
    </message>
    <message>
        <source>Conversion &amp;window:</source>
        <translation>Konversions&amp;fenster:</translation>
    </message>
    <message>
        <source>&amp;Terminal:</source>
        <translation>&amp;Endstufe:</translation>
    </message>
    <message>
        <source>⚠ &lt;b&gt;Saving changes what the numbers mean:&lt;/b&gt; a new revision of this standard is recorded.</source>
        <translation>⚠ &lt;b&gt;Speichern ändert, was die Zahlen bedeuten:&lt;/b&gt; Eine neue Revision dieses Standards wird erfasst.</translation>
    </message>
    <message>
        <source>Changing the name, standard or checklist changes what the numbers mean; it is recorded as a revision.</source>
        <translation>Eine Änderung von Name, Standard oder Checkliste ändert, was die Zahlen bedeuten; sie wird als Revision erfasst.</translation>
    </message>
</context>
<context>
    <name>StageListModel</name>
    <message>
        <source>(won)</source>
        <translation>(gewonnen)</translation>
    </message>
    <message>
        <source>No observable standard written yet.</source>
        <translation>Noch kein beobachtbarer Standard geschrieben.</translation>
    </message>
    <message>
        <source>WIP limit: {0}</source>
        <translation>WIP-Limit: {0}</translation>
    </message>
</context>
<context>
    <name>StagesPage</name>
    <message>
        <source>Match the stages</source>
        <extracomment>What the user chose for a CRM stage (the combo&apos;s data; a workspace stage is &quot;stage:&lt;id&gt;&quot;).</extracomment>
        <translation>Stufen zuordnen</translation>
    </message>
    <message>
        <source>The CRM&apos;s stage names, with the rows that use them. Send each to a stage of this workspace, create it as a new stage, or ignore its rows.</source>
        <translation>Die Stufennamen des CRM mit den Zeilen, die sie verwenden. Ordnen Sie jeden einer Stufe dieses Arbeitsbereichs zu, legen Sie ihn als neue Stufe an, oder ignorieren Sie seine Zeilen.</translation>
    </message>
    <message>
        <source>Cancel &amp;reading</source>
        <translation>Lesen &amp;abbrechen</translation>
    </message>
    <message>
        <source>Stop reading the file (nothing is written either way)</source>
        <translation>Das Lesen der Datei beenden (so oder so wird nichts geschrieben)</translation>
    </message>
    <message>
        <source>&amp;Read again</source>
        <translation>&amp;Erneut lesen</translation>
    </message>
    <message>
        <source>Read the stage names in the file again</source>
        <translation>Die Stufennamen in der Datei erneut lesen</translation>
    </message>
    <message>
        <source>CRM stage</source>
        <translation>CRM-Stufe</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>In this workspace</source>
        <translation>In diesem Arbeitsbereich</translation>
    </message>
    <message>
        <source>CRM stages</source>
        <translation>CRM-Stufen</translation>
    </message>
    <message>
        <source>Tip: &apos;Closed lost&apos; is usually ignored — the outcome column already says an opportunity was lost. A won stage marks opportunities that enter it as won.</source>
        <translation>Tipp: „Closed lost“ wird meist ignoriert – die Ergebnisspalte sagt bereits, dass eine Verkaufschance verloren ist. Eine Gewonnen-Stufe markiert Verkaufschancen, die in sie eintreten, als gewonnen.</translation>
    </message>
    <message>
        <source>Reading the stage names in {0}…</source>
        <translation>Lese die Stufennamen in {0}…</translation>
    </message>
    <message>
        <source>Reading was cancelled: the stage names are needed to go on.</source>
        <translation>Das Lesen wurde abgebrochen: Die Stufennamen werden zum Weitermachen gebraucht.</translation>
    </message>
    <message>
        <source>Go back to change the file or the columns.</source>
        <translation>Gehen Sie zurück, um die Datei oder die Spalten zu ändern.</translation>
    </message>
    <message>
        <source>Reading the file stopped unexpectedly; nothing was written.</source>
        <translation>Das Lesen der Datei wurde unerwartet abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>first on row {0}</source>
        <translation>zuerst in Zeile {0}</translation>
    </message>
    <message>
        <source>Not a stage of this workspace</source>
        <translation>Keine Stufe dieses Arbeitsbereichs</translation>
    </message>
    <message>
        <source>Matches the workspace stage &apos;{0}&apos;</source>
        <translation>Passt zur Stufe „{0}“ des Arbeitsbereichs</translation>
    </message>
    <message>
        <source>Workspace stage for {0}</source>
        <translation>Stufe des Arbeitsbereichs für {0}</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source> (won)</source>
        <translation> (gewonnen)</translation>
    </message>
    <message>
        <source>Create as new stage</source>
        <translation>Als neue Stufe anlegen</translation>
    </message>
    <message>
        <source>Create as new won stage</source>
        <translation>Als neue Gewonnen-Stufe anlegen</translation>
    </message>
    <message>
        <source>Ignore (skip its rows)</source>
        <translation>Ignorieren (ihre Zeilen überspringen)</translation>
    </message>
    <message>
        <source>No stage names found in the file ({0} rows).</source>
        <translation>Keine Stufennamen in der Datei gefunden ({0} Zeilen).</translation>
    </message>
    <message numerus="yes">
        <source>%n stage name(s) in {0} rows: {1} match a stage of this workspace by name, {2} do not (in bold).</source>
        <translation>
            <numerusform>%n Stufenname in {0} Zeilen: {1} passen dem Namen nach zu einer Stufe dieses Arbeitsbereichs, {2} nicht (fett).</numerusform>
            <numerusform>%n Stufennamen in {0} Zeilen: {1} passen dem Namen nach zu einer Stufe dieses Arbeitsbereichs, {2} nicht (fett).</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the stage names…</source>
        <translation>Lese die Stufennamen…</translation>
    </message>
    <message>
        <source>Press Read again to go on.</source>
        <translation>Drücken Sie „Erneut lesen“, um weiterzumachen.</translation>
    </message>
    <message>
        <source>The stage names could not be read.</source>
        <translation>Die Stufennamen konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Choose what to do with: {0}.</source>
        <translation>Wählen Sie, was geschehen soll mit: {0}.</translation>
    </message>
</context>
<context>
    <name>StandardsView</name>
    <message>
        <source>&lt;h2&gt;Standards&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Standards&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>The customer journey, stage by stage. Each stage is defined by what the customer visibly did — the evidence a rep checks before moving an opportunity.</source>
        <translation>Die Customer Journey, Stufe für Stufe. Jede Stufe ist dadurch bestimmt, was der Kunde sichtbar getan hat – der Nachweis, den ein Vertriebler prüft, bevor er eine Verkaufschance weiterschiebt.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Add stage</source>
        <translation>Stufe hinzufügen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Journey stages&lt;/b&gt;</source>
        <translation>&lt;b&gt;Stufen der Journey&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Journey stages, in order</source>
        <translation>Stufen der Journey, in Reihenfolge</translation>
    </message>
    <message>
        <source>Drag a stage to reorder the journey (or Alt+Up / Alt+Down)</source>
        <translation>Ziehen Sie eine Stufe, um die Journey neu zu ordnen (oder Alt+Auf / Alt+Ab)</translation>
    </message>
    <message>
        <source>No stages yet — add the first step of your customer journey with “Add stage” (Ctrl+N), or start from the template of common B2B stages on This week.</source>
        <translation>Noch keine Stufen – fügen Sie den ersten Schritt Ihrer Customer Journey mit „Stufe hinzufügen“ (Strg+N) hinzu oder beginnen Sie mit der Vorlage üblicher B2B-Stufen unter Diese Woche.</translation>
    </message>
    <message>
        <source>&amp;Add stage</source>
        <translation>Stufe &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add a stage at the end (Ctrl+N)</source>
        <translation>Eine Stufe am Ende hinzufügen (Strg+N)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Delete the selected stage</source>
        <translation>Ausgewählte Stufe löschen</translation>
    </message>
    <message>
        <source>Every change of the name, standard or checklist, newest first. Conversion numbers from before a change measured the older definition.</source>
        <translation>Jede Änderung von Name, Standard oder Checkliste, die neueste zuerst. Konversionszahlen von vor einer Änderung maßen die ältere Definition.</translation>
    </message>
    <message>
        <source>Revision history</source>
        <translation>Änderungsverlauf</translation>
    </message>
    <message>
        <source>Tactics aimed at this stage</source>
        <translation>Taktiken für diese Stufe</translation>
    </message>
    <message>
        <source>Stage definition — {0}</source>
        <translation>Stufendefinition – {0}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save your changes to stage “{0}” before moving on?</source>
        <translation>Ihre Änderungen an der Stufe „{0}“ speichern, bevor Sie weitergehen?</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>Neue Stufe</translation>
    </message>
    <message>
        <source>New stage {0}</source>
        <translation>Neue Stufe {0}</translation>
    </message>
    <message>
        <source>Delete stage</source>
        <translation>Stufe löschen</translation>
    </message>
    <message>
        <source>Delete stage “{0}” and its revision history? This cannot be undone.</source>
        <translation>Stufe „{0}“ und ihren Änderungsverlauf löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Save the changes to this stage (Ctrl+S)</source>
        <translation>Die Änderungen an dieser Stufe speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Nothing to save: no changes yet</source>
        <translation>Nichts zu speichern: noch keine Änderungen</translation>
    </message>
    <message>
        <source>Go back to the saved definition</source>
        <translation>Zur gespeicherten Definition zurückkehren</translation>
    </message>
    <message>
        <source>Nothing to revert: no changes yet</source>
        <translation>Nichts zurückzusetzen: noch keine Änderungen</translation>
    </message>
    <message>
        <source>Delete this stage (refused when opportunities or cycles refer to it)</source>
        <translation>Diese Stufe löschen (verweigert, wenn Verkaufschancen oder Zyklen auf sie verweisen)</translation>
    </message>
    <message>
        <source>Select a stage to delete</source>
        <translation>Wählen Sie eine Stufe zum Löschen</translation>
    </message>
    <message>
        <source>Move this stage earlier (Alt+Up)</source>
        <translation>Diese Stufe nach vorn verschieben (Alt+Auf)</translation>
    </message>
    <message>
        <source>Already the first stage</source>
        <translation>Bereits die erste Stufe</translation>
    </message>
    <message>
        <source>Select a stage to move</source>
        <translation>Wählen Sie eine Stufe zum Verschieben</translation>
    </message>
    <message>
        <source>Move this stage later (Alt+Down)</source>
        <translation>Diese Stufe nach hinten verschieben (Alt+Ab)</translation>
    </message>
    <message>
        <source>Already the last stage</source>
        <translation>Bereits die letzte Stufe</translation>
    </message>
    <message>
        <source>Remove the selected item</source>
        <translation>Den ausgewählten Eintrag entfernen</translation>
    </message>
    <message>
        <source>Select an item to remove</source>
        <translation>Wählen Sie einen Eintrag zum Entfernen</translation>
    </message>
    <message>
        <source>Edit the selected tactic or change its status</source>
        <translation>Die ausgewählte Taktik bearbeiten oder ihren Status ändern</translation>
    </message>
    <message>
        <source>Select a tactic first</source>
        <translation>Wählen Sie zuerst eine Taktik</translation>
    </message>
    <message>
        <source>Hide the tactic from current work (or bring it back); its record is kept</source>
        <translation>Die Taktik aus der laufenden Arbeit ausblenden (oder zurückholen); ihre Dokumentation bleibt erhalten</translation>
    </message>
    <message>
        <source>Delete the tactic (refused once a cycle tested it: archive it instead)</source>
        <translation>Die Taktik löschen (abgelehnt, sobald ein Zyklus sie getestet hat: archivieren Sie sie stattdessen)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <source>Open the selected cycle in the Cycles view</source>
        <translation>Den ausgewählten Zyklus in der Ansicht „Zyklen“ öffnen</translation>
    </message>
    <message>
        <source>Select a cycle first</source>
        <translation>Wählen Sie zuerst einen Zyklus</translation>
    </message>
    <message>
        <source>The revisions and tactics could not be read: {0}</source>
        <translation>Der Änderungsverlauf und die Taktiken konnten nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <source>Revision history (updating…)</source>
        <translation>Änderungsverlauf (wird aktualisiert…)</translation>
    </message>
    <message>
        <source>Tactics aimed at this stage (updating…)</source>
        <translation>Taktiken für diese Stufe (wird aktualisiert…)</translation>
    </message>
    <message>
        <source>Revision history ({0})</source>
        <translation>Änderungsverlauf ({0})</translation>
    </message>
    <message>
        <source>Tactics aimed at this stage ({0})</source>
        <translation>Taktiken für diese Stufe ({0})</translation>
    </message>
    <message>
        <source>Add a tactic aimed at “{0}”</source>
        <translation>Eine Taktik für „{0}“ hinzufügen</translation>
    </message>
    <message>
        <source>Tactic “{0}”</source>
        <translation>Taktik „{0}“</translation>
    </message>
</context>
<context>
    <name>StatusPill</name>
    <message>
        <source>Status: {0}</source>
        <translation>Status: {0}</translation>
    </message>
</context>
<context>
    <name>Study</name>
    <message>
        <source>The cycle has not started.</source>
        <translation>Der Zyklus hat noch nicht begonnen.</translation>
    </message>
    <message>
        <source>No rep takes part in the cycle.</source>
        <translation>Kein Vertriebler nimmt am Zyklus teil.</translation>
    </message>
    <message>
        <source>Only %1 of the %2 customers needed entered &apos;%3&apos; during the cycle: extend it or plan a follow-up cycle.</source>
        <translation>Nur %1 der %2 benötigten Kunden sind während des Zyklus in „%3“ eingetreten: verlängern Sie ihn oder planen Sie einen Folgezyklus.</translation>
    </message>
    <message>
        <source>Only %1 of the %2 customers needed has entered &apos;%3&apos; yet.</source>
        <translation>Erst %1 der %2 benötigten Kunden ist in „%3“ eingetreten.</translation>
    </message>
    <message>
        <source>Only %1 of the %2 customers needed have entered &apos;%3&apos; yet.</source>
        <translation>Erst %1 der %2 benötigten Kunden sind in „%3“ eingetreten.</translation>
    </message>
    <message>
        <source>%1 day</source>
        <translation>%1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tagen</translation>
    </message>
    <message>
        <source>%1 baseline customer entered less than %2 ago: its outcome is not known yet.</source>
        <translation>%1 Kunde der Basislinie ist vor weniger als %2 eingetreten: sein Ergebnis ist noch nicht bekannt.</translation>
    </message>
    <message>
        <source>%1 baseline customers entered less than %2 ago: their outcome is not known yet.</source>
        <translation>%1 Kunden der Basislinie sind vor weniger als %2 eingetreten: ihr Ergebnis ist noch nicht bekannt.</translation>
    </message>
    <message>
        <source>%1 customer entered less than %2 ago: its outcome is not known yet.</source>
        <translation>%1 Kunde ist vor weniger als %2 eingetreten: sein Ergebnis ist noch nicht bekannt.</translation>
    </message>
    <message>
        <source>%1 customers entered less than %2 ago: their outcome is not known yet.</source>
        <translation>%1 Kunden sind vor weniger als %2 eingetreten: ihr Ergebnis ist noch nicht bekannt.</translation>
    </message>
    <message>
        <source>No customer of the participating reps entered &apos;%1&apos; in the baseline window (%2 to %3): there is nothing to compare with.</source>
        <translation>Kein Kunde der teilnehmenden Vertriebler ist im Basislinien-Zeitraum (%2 bis %3) in „%1“ eingetreten: es gibt nichts zum Vergleichen.</translation>
    </message>
    <message>
        <source>No opportunities entered &apos;%1&apos; in this period.</source>
        <translation>In diesem Zeitraum sind keine Verkaufschancen in „%1“ eingetreten.</translation>
    </message>
    <message>
        <source>%1 opportunity entered &apos;%2&apos; in this period, all still within their %3-day window: no outcome is known yet (known by %4).</source>
        <translation>%1 Verkaufschance ist in diesem Zeitraum in „%2“ eingetreten, noch innerhalb ihres %3-Tage-Fensters: noch ist kein Ergebnis bekannt (bekannt bis %4).</translation>
    </message>
    <message>
        <source>%1 opportunities entered &apos;%2&apos; in this period, all still within their %3-day window: no outcome is known yet (known by %4).</source>
        <translation>%1 Verkaufschancen sind in diesem Zeitraum in „%2“ eingetreten, alle noch innerhalb ihres %3-Tage-Fensters: noch ist kein Ergebnis bekannt (bekannt bis %4).</translation>
    </message>
    <message>
        <source>%1 opportunity entered &apos;%2&apos; in this period, all still within their %3-day window: no outcome is known yet.</source>
        <translation>%1 Verkaufschance ist in diesem Zeitraum in „%2“ eingetreten, noch innerhalb ihres %3-Tage-Fensters: noch ist kein Ergebnis bekannt.</translation>
    </message>
    <message>
        <source>%1 opportunities entered &apos;%2&apos; in this period, all still within their %3-day window: no outcome is known yet.</source>
        <translation>%1 Verkaufschancen sind in diesem Zeitraum in „%2“ eingetreten, alle noch innerhalb ihres %3-Tage-Fensters: noch ist kein Ergebnis bekannt.</translation>
    </message>
    <message>
        <source>No participating rep has customers with a known outcome in both the baseline and the cycle yet.</source>
        <translation>Noch hat kein teilnehmender Vertriebler Kunden mit bekanntem Ergebnis sowohl in der Basislinie als auch im Zyklus.</translation>
    </message>
    <message>
        <source>%1 of %2 rep improved (%3 credibly, chance better ≥ %4)</source>
        <translation>%1 von %2 Vertriebler hat sich verbessert (%3 glaubwürdig, Chance besser ≥ %4)</translation>
    </message>
    <message>
        <source>%1 of %2 reps improved (%3 credibly, chance better ≥ %4)</source>
        <translation>%1 von %2 Vertrieblern haben sich verbessert (%3 glaubwürdig, Chance besser ≥ %4)</translation>
    </message>
    <message>
        <source>Too few opportunities per rep to tell whether reps vary more than chance: %1 of %2 rep expect at least %3 conversions and %3 non-conversions, and at least %4 such reps are needed.</source>
        <translation>Zu wenige Verkaufschancen je Vertriebler, um zu sagen, ob Vertriebler stärker streuen als der Zufall: %1 von %2 Vertriebler erwartet mindestens %3 Konversionen und %3 Nicht-Konversionen, und mindestens %4 solche Vertriebler sind nötig.</translation>
    </message>
    <message>
        <source>Too few opportunities per rep to tell whether reps vary more than chance: %1 of %2 reps expect at least %3 conversions and %3 non-conversions, and at least %4 such reps are needed.</source>
        <translation>Zu wenige Verkaufschancen je Vertriebler, um zu sagen, ob Vertriebler stärker streuen als der Zufall: %1 von %2 Vertrieblern erwarten mindestens %3 Konversionen und %3 Nicht-Konversionen, und mindestens %4 solche Vertriebler sind nötig.</translation>
    </message>
    <message>
        <source>p &lt; %1</source>
        <translation>p &lt; %1</translation>
    </message>
    <message>
        <source>p = %1</source>
        <translation>p = %1</translation>
    </message>
    <message>
        <source>Reps vary more than chance alone would explain (φ = %1, %2).</source>
        <translation>Die Vertriebler streuen stärker, als der Zufall allein erklärt (φ = %1, %2).</translation>
    </message>
    <message>
        <source>Reps vary about as much as chance alone would explain (φ = %1, %2).</source>
        <translation>Die Vertriebler streuen etwa so stark, wie der Zufall allein erklärt (φ = %1, %2).</translation>
    </message>
</context>
<context>
    <name>StudyChart</name>
    <message>
        <source>Baseline window</source>
        <translation>Basislinienfenster</translation>
    </message>
    <message>
        <source>participating reps</source>
        <translation>teilnehmende Vertriebler</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>Window open</source>
        <translation>Fenster offen</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>Median, runs signal</source>
        <translation>Median, Run-Signal</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source>Standard revised</source>
        <translation>Standard überarbeitet</translation>
    </message>
    <message>
        <source>This cycle</source>
        <translation>Dieser Zyklus</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Basislinie</translation>
    </message>
</context>
<context>
    <name>StudyTab</name>
    <message>
        <source>Window</source>
        <extracomment>The banner&apos;s colour for each verdict of a study that is ready to read. The study chart shows at least this long after a cycle&apos;s end (the rest is a drag away).</extracomment>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Converted / customers</source>
        <translation>Konvertiert / Kunden</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95-%-Intervall</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Basislinie</translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation>Zyklus</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>p-value (Fisher&apos;s exact test)</source>
        <translation>p-Wert (exakter Test nach Fisher)</translation>
    </message>
    <message>
        <source>Chance the tactic is better</source>
        <translation>Chance, dass die Taktik besser ist</translation>
    </message>
    <message>
        <source>95% interval of the difference, in percentage points (Newcombe)</source>
        <translation>95-%-Intervall der Differenz, in Prozentpunkten (Newcombe)</translation>
    </message>
    <message>
        <source>The probability that the cycle&apos;s true rate is above the baseline&apos;s (Beta(1,1) priors)</source>
        <translation>Die Wahrscheinlichkeit, dass die wahre Rate des Zyklus über der der Basislinie liegt (Beta(1,1)-Priors)</translation>
    </message>
    <message>
        <source>How surprising a difference at least this large would be if the tactic changed nothing</source>
        <translation>Wie überraschend eine mindestens so große Differenz wäre, wenn die Taktik nichts änderte</translation>
    </message>
    <message>
        <source>The team’s interpretation</source>
        <translation>Die Interpretation des Teams</translation>
    </message>
    <message>
        <source>What do the numbers and the observations say together? Was the prediction right? What surprised you? (Needed before deciding.)</source>
        <translation>Was sagen Zahlen und Beobachtungen zusammen? Stimmte die Vorhersage? Was hat Sie überrascht? (Vor der Entscheidung erforderlich.)</translation>
    </message>
    <message>
        <source>The team&apos;s interpretation</source>
        <translation>Die Interpretation des Teams</translation>
    </message>
    <message>
        <source>Save &amp;interpretation</source>
        <translation>&amp;Interpretation speichern</translation>
    </message>
    <message>
        <source>This cycle is closed: its interpretation is part of the record</source>
        <translation>Dieser Zyklus ist abgeschlossen: Seine Interpretation gehört zur Aufzeichnung</translation>
    </message>
    <message>
        <source>Save the interpretation (Ctrl+S)</source>
        <translation>Die Interpretation speichern (Strg+S)</translation>
    </message>
    <message>
        <source>No unsaved changes</source>
        <translation>Keine ungespeicherten Änderungen</translation>
    </message>
    <message>
        <source>Computing the results…</source>
        <translation>Ergebnisse werden berechnet…</translation>
    </message>
    <message>
        <source>The results could not be computed: {0}</source>
        <translation>Die Ergebnisse konnten nicht berechnet werden: {0}</translation>
    </message>
    <message>
        <source>no study</source>
        <translation>keine Auswertung</translation>
    </message>
    <message>
        <source>{0} customers entered &apos;{1}&apos; during the cycle (at least {2} were needed) and every outcome is known. The difference and its 95% interval below are what the verdict rests on; the chance the tactic is better is supporting detail.</source>
        <translation>{0} Kunden erreichten während des Zyklus „{1}“ (mindestens {2} waren nötig), und jedes Ergebnis ist bekannt. Das Urteil beruht auf der Differenz und ihrem 95-%-Intervall unten; die Wahrscheinlichkeit, dass die Taktik besser ist, ist ergänzendes Detail.</translation>
    </message>
    <message>
        <source>Every outcome so far will be known by {0}.</source>
        <translation>Alle bisherigen Ergebnisse sind bis {0} bekannt.</translation>
    </message>
    <message>
        <source>The numbers below are shown for information only: do not decide on them yet.</source>
        <translation>Die Zahlen unten dienen nur zur Information: Entscheiden Sie noch nicht danach.</translation>
    </message>
    <message>
        <source>(+{0} pending)</source>
        <translation>(+{0} ausstehend)</translation>
    </message>
    <message>
        <source>No numeric prediction was written down for this cycle.</source>
        <translation>Für diesen Zyklus wurde keine zahlenmäßige Vorhersage notiert.</translation>
    </message>
    <message>
        <source>Prediction {0} — cannot be checked yet: no customer of the cycle has a known outcome.</source>
        <translation>Vorhersage {0} – noch nicht prüfbar: Kein Kunde des Zyklus hat ein bekanntes Ergebnis.</translation>
    </message>
    <message>
        <source>inside</source>
        <translation>innerhalb</translation>
    </message>
    <message>
        <source>outside</source>
        <translation>außerhalb</translation>
    </message>
    <message>
        <source>Prediction {0} — &lt;b&gt;{1}&lt;/b&gt; the cycle&apos;s interval {2}.</source>
        <translation>Vorhersage {0} – &lt;b&gt;{1}&lt;/b&gt; des Zyklus-Intervalls {2}.</translation>
    </message>
    <message>
        <source>Reps: {0}</source>
        <translation>Vertriebler: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n marketing initiative(s) overlap this test</source>
        <translation>
            <numerusform>%n Marketing-Initiative überschneidet diesen Test</numerusform>
            <numerusform>%n Marketing-Initiativen überschneiden diesen Test</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TacticDialog</name>
    <message>
        <source>e.g. One-page business case before the budget question</source>
        <translation>z. B. einseitiger Business Case vor der Budgetfrage</translation>
    </message>
    <message>
        <source>What the seller does, and when.</source>
        <translation>Was der Verkäufer tut, und wann.</translation>
    </message>
    <message>
        <source>not tested yet</source>
        <translation>noch nicht getestet</translation>
    </message>
    <message>
        <source>being tested in a PDSA cycle</source>
        <translation>wird in einem PDSA-Zyklus getestet</translation>
    </message>
    <message>
        <source>adopted: everyone does it</source>
        <translation>übernommen: alle machen es</translation>
    </message>
    <message>
        <source>no longer used</source>
        <translation>nicht mehr verwendet</translation>
    </message>
    <message>
        <source>Needs &amp;marketing support</source>
        <translation>Braucht &amp;Marketing-Unterstützung</translation>
    </message>
    <message>
        <source>Its cycles need marketing&apos;s time (a campaign, content, an event): they count against the workspace&apos;s cap on cycles marketing supports at once</source>
        <translation>Ihre Zyklen brauchen Zeit des Marketings (eine Kampagne, Inhalte, eine Veranstaltung): Sie zählen gegen das Limit des Arbeitsbereichs für gleichzeitig vom Marketing unterstützte Zyklen</translation>
    </message>
    <message>
        <source>What is asked of marketing, e.g. two mailings and a landing page</source>
        <translation>Was vom Marketing verlangt wird, z. B. zwei Mailings und eine Landingpage</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Effort &amp;asked:</source>
        <translation>&amp;Erbetener Aufwand:</translation>
    </message>
</context>
<context>
    <name>TacticTreeModel</name>
    <message>
        <source>Tactic / cycle</source>
        <translation>Taktik / Zyklus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Adopted / decided</source>
        <translation>Übernommen / entschieden</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>{0} (archived)</source>
        <translation>{0} (archiviert)</translation>
    </message>
    <message>
        <source>no cycles yet</source>
        <translation>noch keine Zyklen</translation>
    </message>
    <message>
        <source>Double-click to open this cycle</source>
        <translation>Doppelklicken, um diesen Zyklus zu öffnen</translation>
    </message>
</context>
<context>
    <name>TacticsPanel</name>
    <message>
        <source>Standard work and candidates aimed at moving customers on from this stage, with the PDSA cycles that tested them. Double-click a cycle to open it.</source>
        <translation>Standardarbeit und Kandidaten, die Kunden aus dieser Stufe weiterbringen sollen, mit den PDSA-Zyklen, die sie getestet haben. Doppelklicken Sie auf einen Zyklus, um ihn zu öffnen.</translation>
    </message>
    <message>
        <source>No tactics aim at this stage yet — add one to start testing what helps customers move on.</source>
        <translation>Noch keine Taktiken für diese Stufe – fügen Sie eine hinzu, um zu testen, was Kunden weiterhilft.</translation>
    </message>
    <message>
        <source>Add &amp;tactic…</source>
        <translation>&amp;Taktik hinzufügen…</translation>
    </message>
    <message>
        <source>Add a tactic aimed at this stage</source>
        <translation>Eine Taktik für diese Stufe hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Edit / change status…</source>
        <translation>&amp;Bearbeiten / Status ändern…</translation>
    </message>
    <message>
        <source>&amp;Open cycle</source>
        <translation>Zyklus ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>Archivierte zeigen</translation>
    </message>
    <message>
        <source>Also list the tactics archived out of current work</source>
        <translation>Auch die aus der laufenden Arbeit archivierten Taktiken auflisten</translation>
    </message>
</context>
<context>
    <name>TeamSettings</name>
    <message>
        <source>Workspace name</source>
        <translation>Name des Arbeitsbereichs</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Week start day</source>
        <translation>Wochenbeginn</translation>
    </message>
    <message>
        <source>Conversion window</source>
        <translation>Konversionsfenster</translation>
    </message>
    <message>
        <source>Active cycles per rep</source>
        <translation>Aktive Zyklen je Vertriebler</translation>
    </message>
    <message>
        <source>Marketing cycles at once</source>
        <translation>Gleichzeitige Marketingzyklen</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time zone this computer knows; choose an IANA name such as Europe/Berlin.</source>
        <translation>„%1“ ist keine Zeitzone, die dieser Computer kennt; wählen Sie einen IANA-Namen wie Europe/Berlin.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a currency code; use three letters such as EUR or USD.</source>
        <translation>„%1“ ist kein Währungscode; verwenden Sie drei Buchstaben wie EUR oder USD.</translation>
    </message>
    <message>
        <source>%1 must be a whole number.</source>
        <translation>%1 muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <source>Week start day must be 0 (Monday) to 6 (Sunday).</source>
        <translation>Der Wochenbeginn muss 0 (Montag) bis 6 (Sonntag) sein.</translation>
    </message>
    <message>
        <source>%1 must be at least %2.</source>
        <translation>%1 muss mindestens %2 sein.</translation>
    </message>
    <message>
        <source>%1 must be at most %2.</source>
        <translation>%1 darf höchstens %2 sein.</translation>
    </message>
    <message>
        <source>Workspace name must not be empty.</source>
        <translation>Der Name des Arbeitsbereichs darf nicht leer sein.</translation>
    </message>
    <message>
        <source>Workspace name is too long (%1 characters; at most 200).</source>
        <translation>Der Name des Arbeitsbereichs ist zu lang (%1 Zeichen; höchstens 200).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
</context>
<context>
    <name>TimeInStageChart</name>
    <message>
        <source>Days in stage</source>
        <translation>Tage in der Stufe</translation>
    </message>
    <message>
        <source>Middle half of visits, with the median</source>
        <translation>Mittlere Hälfte der Aufenthalte, mit dem Median</translation>
    </message>
    <message>
        <source>10th–90th percentile</source>
        <translation>10.–90. Perzentil</translation>
    </message>
    <message>
        <source>85th percentile (aging threshold)</source>
        <translation>85. Perzentil (Schwelle für „Alternd“)</translation>
    </message>
    <message>
        <source>Time in stage</source>
        <translation>Zeit in der Stufe</translation>
    </message>
    <message>
        <source>No completed stage visits in this scope and range yet.</source>
        <translation>In diesem Umfang und Zeitraum noch keine abgeschlossenen Aufenthalte.</translation>
    </message>
    <message>
        <source>median {0} d · n {1}</source>
        <translation>Median {0} T · n {1}</translation>
    </message>
    <message>
        <source>{0}: {1} completed visits
median {2} days, middle half {3}–{4} days
10th–90th percentile {5}–{6} days; 85th percentile {7} days</source>
        <translation>{0}: {1} abgeschlossene Aufenthalte
Median {2} Tage, mittlere Hälfte {3}–{4} Tage
10.–90. Perzentil {5}–{6} Tage; 85. Perzentil {7} Tage</translation>
    </message>
    <message>
        <source>no completed visits</source>
        <translation>keine abgeschlossenen Aufenthalte</translation>
    </message>
    <message>
        <source>Completed stage visits (until the next stage move or close), in days.</source>
        <translation>Abgeschlossene Aufenthalte in der Stufe (bis zum nächsten Stufenwechsel oder Abschluss), in Tagen.</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>%1 to %2 pp</source>
        <extracomment>The translation context of the verdicts (see :mod:`pdsa_desk.core.messages`).</extracomment>
        <translation>%1 bis %2 Pp.</translation>
    </message>
    <message>
        <source>Too early: the cycle has not started</source>
        <translation>Zu früh: Der Zyklus hat noch nicht begonnen</translation>
    </message>
    <message>
        <source>Too early: no rep takes part in the cycle</source>
        <translation>Zu früh: Kein Vertriebler nimmt am Zyklus teil</translation>
    </message>
    <message>
        <source>Too early: %1 of the %2 customers needed</source>
        <translation>Zu früh: %1 der %2 benötigten Kunden</translation>
    </message>
    <message>
        <source>Too early: no baseline customers to compare with</source>
        <translation>Zu früh: keine Kunden in der Basislinie zum Vergleichen</translation>
    </message>
    <message>
        <source>Too early to read</source>
        <translation>Zu früh zum Ablesen</translation>
    </message>
    <message>
        <source>Too early: %1 customer&apos;s outcome not known yet</source>
        <translation>Zu früh: Das Ergebnis von %1 Kunden ist noch nicht bekannt</translation>
    </message>
    <message>
        <source>Too early: %1 customers&apos; outcome not known yet</source>
        <translation>Zu früh: Die Ergebnisse von %1 Kunden sind noch nicht bekannt</translation>
    </message>
    <message>
        <source>Too early: %1 customer&apos;s outcome not known yet, known by %2</source>
        <translation>Zu früh: Das Ergebnis von %1 Kunden ist noch nicht bekannt, bekannt bis %2</translation>
    </message>
    <message>
        <source>Too early: %1 customers&apos; outcome not known yet, known by %2</source>
        <translation>Zu früh: Die Ergebnisse von %1 Kunden sind noch nicht bekannt, bekannt bis %2</translation>
    </message>
    <message>
        <source>Too early: nothing to compare yet</source>
        <translation>Zu früh: noch nichts zu vergleichen</translation>
    </message>
    <message>
        <source>Better, and the interval excludes chance (%1)</source>
        <translation>Besser, und das Intervall schließt Zufall aus (%1)</translation>
    </message>
    <message>
        <source>Worse, and the interval excludes chance (%1)</source>
        <translation>Schlechter, und das Intervall schließt Zufall aus (%1)</translation>
    </message>
    <message>
        <source>Looks worse, but it could be chance (%1); the predicted %2 pp is outside the interval</source>
        <translation>Sieht schlechter aus, könnte aber Zufall sein (%1); die vorhergesagten %2 Pp. liegen außerhalb des Intervalls</translation>
    </message>
    <message>
        <source>No detectable change (%1): the predicted %2 pp is outside the interval</source>
        <translation>Keine erkennbare Veränderung (%1): die vorhergesagten %2 Pp. liegen außerhalb des Intervalls</translation>
    </message>
    <message>
        <source>No detectable change (%1)</source>
        <translation>Keine erkennbare Veränderung (%1)</translation>
    </message>
    <message>
        <source>Looks better, but it could be chance (%1)</source>
        <translation>Sieht besser aus, könnte aber Zufall sein (%1)</translation>
    </message>
    <message>
        <source>Looks worse, but it could be chance (%1)</source>
        <translation>Sieht schlechter aus, könnte aber Zufall sein (%1)</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <source>&amp;Mark session held</source>
        <extracomment>A monthly review was written (its path).</extracomment>
        <translation>Sitzung als &amp;gehalten markieren</translation>
    </message>
    <message>
        <source>Record that this week&apos;s session took place; next week&apos;s agenda shows what is new since now.</source>
        <translation>Festhalten, dass die Sitzung dieser Woche stattfand; die Agenda der nächsten Woche zeigt, was seitdem neu ist.</translation>
    </message>
    <message>
        <source>Weekly &amp;report (PDF)…</source>
        <translation>Wochen&amp;bericht (PDF)…</translation>
    </message>
    <message>
        <source>An A4 report for people who were not in the room: agenda, each active cycle, signals, WIP and the rep comparison (Ctrl+P)</source>
        <translation>Ein A4-Bericht für alle, die nicht dabei waren: Agenda, jeder aktive Zyklus, Signale, WIP und der Vergleich der Vertriebler (Strg+P)</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Why it is on the agenda</source>
        <translation>Warum er auf der Agenda steht</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open an item</source>
        <translation>Doppelklicken oder Eingabe drücken, um einen Punkt zu öffnen</translation>
    </message>
    <message>
        <source>Preparing the agenda…</source>
        <translation>Agenda wird vorbereitet…</translation>
    </message>
    <message>
        <source>The agenda could not be prepared: {0}</source>
        <translation>Die Agenda konnte nicht vorbereitet werden: {0}</translation>
    </message>
    <message>
        <source>&lt;h2&gt;This week — {0}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Diese Woche – {0}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>No session recorded yet: signals of the past week are shown.</source>
        <translation>Noch keine Sitzung erfasst: Die Signale der vergangenen Woche werden angezeigt.</translation>
    </message>
    <message>
        <source>Decide (Act)</source>
        <extracomment>The agenda&apos;s section names (core.agenda.Section), for the translation catalogue: translated at run time.</extracomment>
        <translation>Entscheiden (Act)</translation>
    </message>
    <message>
        <source>Ready to study</source>
        <translation>Bereit zur Auswertung</translation>
    </message>
    <message>
        <source>Cycles to start</source>
        <translation>Zu startende Zyklen</translation>
    </message>
    <message>
        <source>Running (Do)</source>
        <translation>Laufend (Do)</translation>
    </message>
    <message>
        <source>New chart signals</source>
        <translation>Neue Diagrammsignale</translation>
    </message>
    <message>
        <source>Tell the team (marketing)</source>
        <translation>Dem Team sagen (Marketing)</translation>
    </message>
    <message>
        <source>Over the WIP limit</source>
        <translation>Über dem WIP-Limit</translation>
    </message>
    <message>
        <source>Aging opportunities</source>
        <translation>Alternde Verkaufschancen</translation>
    </message>
    <message>
        <source>Reps over the active-cycle cap</source>
        <translation>Vertriebler über dem Limit aktiver Zyklen</translation>
    </message>
    <message>
        <source>Forecast follow-up</source>
        <translation>Nachbetrachtung der Prognosen</translation>
    </message>
    <message>
        <source>Mo&amp;nthly review (PDF)…</source>
        <translation>Mo&amp;natsrückblick (PDF)…</translation>
    </message>
    <message>
        <source>The monthly review for sales and marketing managers: conversion by channel, initiatives and the cycles they overlap, forecast accuracy, cycles decided and prediction calibration</source>
        <translation>Der Monatsrückblick für Vertriebs- und Marketingleitung: Konversion nach Kanal, Initiativen und die Zyklen, die sie überschneiden, Prognosegenauigkeit, entschiedene Zyklen und Kalibrierung der Vorhersagen</translation>
    </message>
    <message>
        <source>Recompute the figures as of now</source>
        <translation>Zahlen mit dem jetzigen Zeitpunkt neu berechnen</translation>
    </message>
    <message>
        <source>Weekly report (PDF)</source>
        <translation>Wochenbericht (PDF)</translation>
    </message>
    <message>
        <source>(updating…)</source>
        <translation>(wird aktualisiert…)</translation>
    </message>
    <message>
        <source>Last session: {0} ({1} days ago). New signals are counted since then.</source>
        <translation>Letzte Sitzung: {0} (vor {1} Tagen). Neue Signale werden seitdem gezählt.</translation>
    </message>
    <message>
        <source>Figures as of {0} (F5 takes a new time).</source>
        <translation>Zahlen mit Stand {0} (F5 nimmt einen neuen Zeitpunkt).</translation>
    </message>
    <message>
        <source>{0} items, {1} needing a decision or action. {2} {3}</source>
        <translation>{0} Punkte, {1} davon brauchen eine Entscheidung oder Maßnahme. {2} {3}</translation>
    </message>
    <message>
        <source>The sections that need the whole history are being computed…</source>
        <translation>Die Abschnitte, die die ganze Historie brauchen, werden berechnet…</translation>
    </message>
    <message>
        <source>Computing from the history…</source>
        <translation>Wird aus der Historie berechnet…</translation>
    </message>
    <message>
        <source>Nothing this week</source>
        <translation>Diese Woche nichts</translation>
    </message>
    <message>
        <source>Open in {0}</source>
        <translation>In {0} öffnen</translation>
    </message>
    <message>
        <source>Save the weekly report</source>
        <translation>Den Wochenbericht speichern</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Der Bericht wird geschrieben…</translation>
    </message>
    <message>
        <source>Report not written</source>
        <translation>Bericht nicht geschrieben</translation>
    </message>
    <message>
        <source>Report written to {0} ({1} pages).</source>
        <translation>Bericht nach {0} geschrieben ({1} Seiten).</translation>
    </message>
    <message>
        <source>Monthly review</source>
        <translation>Monatsrückblick</translation>
    </message>
    <message>
        <source>Month to review:</source>
        <translation>Monat für den Rückblick:</translation>
    </message>
    <message>
        <source>Save the monthly review</source>
        <translation>Den Monatsrückblick speichern</translation>
    </message>
    <message>
        <source>Writing the monthly review…</source>
        <translation>Der Monatsrückblick wird geschrieben…</translation>
    </message>
    <message>
        <source>Review not written</source>
        <translation>Rückblick nicht geschrieben</translation>
    </message>
    <message>
        <source>Monthly review written to {0} ({1} pages).</source>
        <translation>Monatsrückblick nach {0} geschrieben ({1} Seiten).</translation>
    </message>
    <message>
        <source>Mark session held</source>
        <translation>Sitzung als gehalten markieren</translation>
    </message>
    <message>
        <source>Record that the weekly session was held now? Next week&apos;s agenda will count new signals from this moment.</source>
        <translation>Festhalten, dass die Wochensitzung jetzt stattfand? Die Agenda der nächsten Woche zählt neue Signale ab diesem Moment.</translation>
    </message>
</context>
<context>
    <name>_ArchiveTexts</name>
    <message numerus="yes">
        <source>%n observations in its Do log</source>
        <translation>
            <numerusform>%n Beobachtung in seinem Do-Protokoll</numerusform>
            <numerusform>%n Beobachtungen in seinem Do-Protokoll</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_ExportDialog</name>
    <message>
        <source>Bundle file</source>
        <translation>Paketdatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Write file</source>
        <translation>Datei &amp;schreiben</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>Wählen Sie eine Datei zum Schreiben.</translation>
    </message>
    <message>
        <source>Wrote {0}: {1}.</source>
        <translation>{0} geschrieben: {1}.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Cannot open workspace</source>
        <extracomment>``--quit-after-first-paint``: nobody is there to click a dialog, so refusals go to stderr (see run()).</extracomment>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Workspace busy</source>
        <translation>Arbeitsbereich belegt</translation>
    </message>
    <message>
        <source>Retry waits for it again. Cancel leaves your edit unsaved; what you typed stays where it is.</source>
        <translation>Wiederholen wartet erneut darauf. Abbrechen lässt Ihre Änderung ungespeichert; was Sie eingegeben haben, bleibt stehen.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
</context>
</TS>
