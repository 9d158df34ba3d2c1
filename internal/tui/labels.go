package tui

// labels is the interface's own text in one language; lessons, questions
// and exercises bring their own translations.
type labels struct {
	up, down, pageUp, pageDown, top, bottom, open, back, quit, help, filter         string
	checkpoint, exercises, toggle, moveUp, moveDown, check, edit, hint, solution    string
	reset, yes, no                                                                  string
	title, lessons, module, progressFmt, questionsFmt, notStarted, failing, passed  string
	revealed, rendering, endOfLesson, correct, wrong, rightAnswer, nextQuestion     string
	questionOf, cpDone, typeCommand, submitHint, multiHint, orderHint, pointsFmt    string
	files, task, results, watching, polling, noWatch, grading, confirmSolution      string
	confirmReset, hintFmt, noMoreHints, resetDone, editorMissing, workspaceCreated  string
	filterPrompt, noMatch, done, todo, trueWord, falseWord, solutionTitle, noHints2 string
	unchanged, allPassed, answerKey, nextKey                                        string
	glossary, glossaryTitle, glossaryOfFmt, noGlossary, seeAlso, taughtIn           string
	openLesson                                                                      string
}

var allLabels = map[string]labels{
	"en": {
		up: "up", down: "down", pageUp: "page up", pageDown: "page down", top: "top", bottom: "bottom",
		open: "open", back: "back", quit: "quit", help: "more keys", filter: "filter",
		checkpoint: "checkpoint", exercises: "exercises", toggle: "select", moveUp: "move up", moveDown: "move down",
		check: "check now", edit: "edit file", hint: "hint", solution: "solution", reset: "reset", yes: "yes", no: "no",
		title: "iactutor · Infrastructure as Code for ML model APIs", lessons: "Lessons and exercises",
		module: "Module checklist", progressFmt: "%d/%d exercises · %d/%d answers",
		questionsFmt: "%d/%d right", notStarted: "not started", failing: "failing", passed: "passed",
		revealed: "solution seen", rendering: "Rendering the lesson…", endOfLesson: "End of lesson: c for the checkpoint, x for its exercises, t for its terms.",
		correct: "✓ Right.", wrong: "✗ Not quite.", rightAnswer: "Answer", nextQuestion: "enter: next question",
		questionOf: "Question %d of %d", cpDone: "Checkpoint done: %d/%d right. enter to go back.",
		typeCommand: "Type the command and press enter", submitHint: "enter: answer",
		multiHint: "space: select · enter: answer", orderHint: "K/J: move the step · enter: answer",
		pointsFmt: "%d/%d points", files: "Files", task: "Task", results: "Result",
		watching: "watching for saves", polling: "watching for saves (polling)", noWatch: "not watching",
		grading: "checking…", confirmSolution: "You have not passed yet. Reveal the solution? (y/n)",
		confirmReset: "Put the start files back? Yours are backed up first. (y/n)", hintFmt: "Hint %d of %d",
		noMoreHints: "No more hints: s shows the solution.", resetDone: "Start files restored; yours are in %s",
		editorMissing:    "Set $VISUAL or $EDITOR to edit from here, or open the file in any editor: saving re-checks.",
		workspaceCreated: "Created your workspace at %s", filterPrompt: "filter: ", noMatch: "Nothing matches.",
		done: "done", todo: "to do", trueWord: "True", falseWord: "False", solutionTitle: "Reference solution (diff against your files)",
		noHints2: "This exercise has no hints.", unchanged: "Your files are still the start files: edit them to score.",
		allPassed: "Passed!", answerKey: "answer", nextKey: "continue",
		glossary: "terms", glossaryTitle: "Glossary", glossaryOfFmt: "terms from lesson %d, %s",
		noGlossary: "This course has no glossary.", seeAlso: "See also", taughtIn: "Taught in",
		openLesson: "open its lesson",
	},
	"es": {
		up: "subir", down: "bajar", pageUp: "página arriba", pageDown: "página abajo", top: "inicio", bottom: "final",
		open: "abrir", back: "volver", quit: "salir", help: "más teclas", filter: "filtrar",
		checkpoint: "control", exercises: "ejercicios", toggle: "marcar", moveUp: "subir paso", moveDown: "bajar paso",
		check: "comprobar", edit: "editar archivo", hint: "pista", solution: "solución", reset: "reiniciar", yes: "sí", no: "no",
		title: "iactutor · Infraestructura como código para APIs de modelos de ML", lessons: "Lecciones y ejercicios",
		module: "Lista del módulo", progressFmt: "%d/%d ejercicios · %d/%d respuestas",
		questionsFmt: "%d/%d bien", notStarted: "sin empezar", failing: "con fallos", passed: "superado",
		revealed: "solución vista", rendering: "Preparando la lección…", endOfLesson: "Fin de la lección: c para el control, x para sus ejercicios, t para sus términos.",
		correct: "✓ Correcto.", wrong: "✗ No exactamente.", rightAnswer: "Respuesta", nextQuestion: "enter: siguiente pregunta",
		questionOf: "Pregunta %d de %d", cpDone: "Control terminado: %d/%d bien. enter para volver.",
		typeCommand: "Escribe el comando y pulsa enter", submitHint: "enter: responder",
		multiHint: "espacio: marcar · enter: responder", orderHint: "K/J: mover el paso · enter: responder",
		pointsFmt: "%d/%d puntos", files: "Archivos", task: "Tarea", results: "Resultado",
		watching: "vigilando cambios", polling: "vigilando cambios (sondeo)", noWatch: "sin vigilar",
		grading: "comprobando…", confirmSolution: "Aún no lo has superado. ¿Mostrar la solución? (s/n)",
		confirmReset: "¿Volver a los archivos iniciales? Los tuyos se guardan antes. (s/n)", hintFmt: "Pista %d de %d",
		noMoreHints: "No hay más pistas: s muestra la solución.", resetDone: "Archivos iniciales restaurados; los tuyos están en %s",
		editorMissing:    "Define $VISUAL o $EDITOR para editar desde aquí, o abre el archivo en cualquier editor: al guardar se comprueba.",
		workspaceCreated: "Se creó tu espacio de trabajo en %s", filterPrompt: "filtro: ", noMatch: "Nada coincide.",
		done: "hecho", todo: "pendiente", trueWord: "Verdadero", falseWord: "Falso", solutionTitle: "Solución de referencia (diferencias con tus archivos)",
		noHints2: "Este ejercicio no tiene pistas.", unchanged: "Tus archivos siguen siendo los iniciales: edítalos para puntuar.",
		allPassed: "¡Superado!", answerKey: "responder", nextKey: "seguir",
		glossary: "términos", glossaryTitle: "Glosario", glossaryOfFmt: "términos de la lección %d, %s",
		noGlossary: "Este curso no tiene glosario.", seeAlso: "Ver también", taughtIn: "Se explica en",
		openLesson: "abrir su lección",
	},
}

func labelsFor(lang string) labels {
	if l, ok := allLabels[lang]; ok {
		return l
	}
	return allLabels["en"]
}
