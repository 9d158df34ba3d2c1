package cli

// wordSet is the fixed learner-facing text of the exercise commands in one
// language; content (tasks, hints, messages) comes from the course itself.
type wordSet struct {
	exercise, pass, fail, score, points, passed, notYet, unchanged, watching string
	hint, noHints, lastHint, needYes, confirmReveal, notRevealed, identical  string
	reset, backup                                                            string
	initDone, initKept, initNext, allDone                                    string
}

var wordSets = map[string]wordSet{
	"en": {
		exercise:      "Exercise",
		pass:          "pass",
		fail:          "fail",
		score:         "Score",
		points:        "points",
		passed:        "Passed!",
		notYet:        "Not passed yet: fix the problems above, or run 'iactutor hint %s'.",
		unchanged:     "Your files are the same as the start files, so nothing scores yet. Edit them and check again.",
		watching:      "Watching %s (%s); save a file to check again, ctrl+c to stop.",
		hint:          "Hint",
		noHints:       "This exercise has no hints.",
		lastHint:      "That was the last hint. 'iactutor solution %s' shows the reference solution.",
		needYes:       "revealing the solution before you pass needs confirmation: run it in a terminal or add --yes",
		confirmReveal: "You have not passed this exercise yet. Reveal the solution? It will be recorded.",
		notRevealed:   "Solution not revealed.",
		identical:     "identical to the solution",
		reset:         "Exercise %s is back to its start files in %s.",
		backup:        "Your previous files are kept in %s.",
		initDone:      "%s: %d files written for %d exercises",
		initKept:      "; %d files already there kept as they were",
		initNext:      ".\nNext: iactutor check --dir %s\n",
		allDone:       "Every exercise is passed. Well done!",
	},
	"es": {
		exercise:      "Ejercicio",
		pass:          "bien",
		fail:          "mal",
		score:         "Puntuación",
		points:        "puntos",
		passed:        "¡Superado!",
		notYet:        "Aún no superado: corrige los problemas de arriba o ejecuta 'iactutor hint %s'.",
		unchanged:     "Tus archivos son iguales a los iniciales, así que aún no puntúan. Edítalos y vuelve a comprobar.",
		watching:      "Vigilando %s (%s); guarda un archivo para volver a comprobar, ctrl+c para salir.",
		hint:          "Pista",
		noHints:       "Este ejercicio no tiene pistas.",
		lastHint:      "Era la última pista. 'iactutor solution %s' muestra la solución de referencia.",
		needYes:       "mostrar la solución antes de superar el ejercicio requiere confirmación: ejecútalo en una terminal o añade --yes",
		confirmReveal: "Aún no has superado este ejercicio. ¿Mostrar la solución? Quedará registrado.",
		notRevealed:   "No se ha mostrado la solución.",
		identical:     "idéntico a la solución",
		reset:         "El ejercicio %s vuelve a tener sus archivos iniciales en %s.",
		backup:        "Tus archivos anteriores se guardaron en %s.",
		initDone:      "%s: %d archivos escritos para %d ejercicios",
		initKept:      "; %d archivos que ya existían se dejaron como estaban",
		initNext:      ".\nSiguiente paso: iactutor check --dir %s\n",
		allDone:       "Has superado todos los ejercicios. ¡Buen trabajo!",
	},
}

func words(lang string) wordSet {
	if w, ok := wordSets[lang]; ok {
		return w
	}
	return wordSets["en"]
}
