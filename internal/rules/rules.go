// Package rules is the catalogue behind `iactutor explain` and `iactutor
// rules`: every diagnostic a validator emits names a rule here, and every rule
// says why it matters, how to fix it and which lesson teaches it.
package rules

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/iactutor/iactutor/internal/diag"
)

// Text is a rule's explanation in one language.
type Text struct {
	// Title is a short noun phrase, e.g. "Service selector matches no pod".
	Title string
	// Why says what breaks in production when this is wrong.
	Why string
	// Fix says what to change.
	Fix string
}

// Rule is one check a validator makes.
type Rule struct {
	// ID is "k8s/...", "tf/..." or "file/...".
	ID string
	// Severity is the default severity of its diagnostics.
	Severity diag.Severity
	// Lesson is the slug of the lesson that teaches it ("" when none does yet).
	Lesson string
	// Text holds the explanation by language code; "en" is required.
	Text map[string]Text
}

// In returns the explanation in lang, falling back to English.
func (r Rule) In(lang string) Text {
	if t, ok := r.Text[lang]; ok && t.Title != "" {
		return t
	}
	return r.Text["en"]
}

// Catalog is a sorted, duplicate-free set of rules.
type Catalog struct{ rules []Rule }

// NewCatalog merges rule lists from every validator; a duplicate ID or a rule
// without English text is a programming error reported as an error value.
func NewCatalog(lists ...[]Rule) (*Catalog, error) {
	var all []Rule
	seen := map[string]bool{}
	for _, l := range lists {
		for _, r := range l {
			if seen[r.ID] {
				return nil, fmt.Errorf("rule %s is defined twice", r.ID)
			}
			if r.Text["en"].Title == "" {
				return nil, fmt.Errorf("rule %s has no English title", r.ID)
			}
			if r.Severity == diag.SeverityInvalid {
				return nil, fmt.Errorf("rule %s has no severity", r.ID)
			}
			seen[r.ID] = true
			all = append(all, r)
		}
	}
	slices.SortFunc(all, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	return &Catalog{rules: all}, nil
}

// All returns the rules sorted by ID.
func (c *Catalog) All() []Rule { return slices.Clone(c.rules) }

// Lookup finds a rule by ID.
func (c *Catalog) Lookup(id string) (Rule, bool) {
	i, ok := slices.BinarySearchFunc(c.rules, id, func(r Rule, id string) int { return cmp.Compare(r.ID, id) })
	if !ok {
		return Rule{}, false
	}
	return c.rules[i], true
}

// CourseRules are the problems `course check` reports to course authors.
func CourseRules() []Rule {
	return []Rule{{ID: "course/content", Severity: diag.SeverityError, Text: map[string]Text{
		"en": {"Course content problem", "A lesson, checkpoint or exercise that does not load, or an exercise whose start passes or whose solution fails, would mislead every learner who meets it.", "Fix the file and line named in the message, then run `iactutor course check` again."},
		"es": {"Problema en el contenido del curso", "Una lección, un control o un ejercicio que no carga, o un ejercicio cuyo inicio ya aprueba o cuya solución falla, confundiría a cada estudiante que lo encuentre.", "Corrige el archivo y la línea que indica el mensaje y vuelve a ejecutar `iactutor course check`."}}}}
}

// FileRules are the refusals made by the source reader, shared by both tracks.
func FileRules() []Rule {
	return []Rule{
		{ID: "file/too-large", Severity: diag.SeverityError, Text: map[string]Text{
			"en": {"File over the size limit", "A file of more than 1 MiB is not a manifest or module anyone writes by hand; reading it could exhaust memory when a whole class is graded.", "Split the file or remove generated content; keep only the manifests or .tf files the exercise asks for."},
			"es": {"Archivo por encima del límite de tamaño", "Un archivo de más de 1 MiB no es un manifiesto ni un módulo escrito a mano; leerlo podría agotar la memoria al corregir a toda una clase.", "Divide el archivo o quita el contenido generado; deja solo los manifiestos o archivos .tf que pide el ejercicio."}}},
		{ID: "file/binary", Severity: diag.SeverityError, Text: map[string]Text{
			"en": {"File is not text", "YAML and HCL are UTF-8 text. A NUL byte or invalid UTF-8 means the file is binary or was saved in another encoding, and kubectl or terraform would reject it too.", "Save the file as UTF-8 from your editor, or remove the binary file from the folder."},
			"es": {"El archivo no es texto", "YAML y HCL son texto UTF-8. Un byte NUL o UTF-8 no válido indica que el archivo es binario o se guardó con otra codificación, y kubectl o terraform también lo rechazarían.", "Guarda el archivo como UTF-8 desde tu editor o quita el archivo binario de la carpeta."}}},
		{ID: "file/link-outside", Severity: diag.SeverityError, Text: map[string]Text{
			"en": {"Link leaves the folder", "iactutor reads only what is inside the folder it checks, so a submission can never make it read other files on the machine.", "Replace the link with a copy of the file, placed inside the folder."},
			"es": {"Enlace que sale de la carpeta", "iactutor solo lee lo que está dentro de la carpeta que revisa, para que una entrega nunca le haga leer otros archivos del equipo.", "Sustituye el enlace por una copia del archivo dentro de la carpeta."}}},
		{ID: "file/unreadable", Severity: diag.SeverityError, Text: map[string]Text{
			"en": {"File cannot be read", "The file exists but the operating system refused to open it (permissions, a device, a broken link).", "Check the file's permissions with `ls -l` and make it a plain readable file."},
			"es": {"No se puede leer el archivo", "El archivo existe pero el sistema operativo no permitió abrirlo (permisos, un dispositivo, un enlace roto).", "Revisa los permisos con `ls -l` y conviértelo en un archivo normal legible."}}},
	}
}
