package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/source"
)

// TestTestdataRendersInEveryLanguage lints every module and syntax case of
// testdata and renders each diagnostic in every language of the catalog:
// a key the catalog lacks shows as "[tf.…]", an argument the code forgot
// as "<no value>".
func TestTestdataRendersInEveryLanguage(t *testing.T) {
	var runs [][]source.File
	runs = append(runs, readDir(t, "testdata/good"))
	paths, err := filepath.Glob("testdata/syntax/*.tf")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, []source.File{{Path: filepath.Base(p), Data: b}})
	}
	n := 0
	for _, files := range runs {
		for _, production := range []bool{false, true} {
			for _, d := range Lint(files, Options{Production: production}) {
				checkRendered(t, d)
				n++
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d diagnostics rendered; is testdata still there?", n)
	}
}

// TestExactTexts pins what a learner reads, word for word, for the
// messages whose arguments are numbers, lists, other messages or text that
// only English shows.
func TestExactTexts(t *testing.T) {
	const (
		enSyntaxHint   = "Look at the marked spot and the line just before it: a missing brace, quote or `=` is the usual cause."
		esSyntaxHint   = "Mira el punto marcado y la línea justo anterior: lo habitual es que falte una llave, unas comillas o un `=`."
		esSyntaxDetail = "Terraform no puede leer este archivo hasta que se corrija la sintaxis, así que todavía no se puede revisar nada de él."
	)
	for _, tc := range []struct {
		name, lang, src, rule string
		files                 map[string]string
		want                  [3]string
	}{
		{name: "hcl detail", lang: "en", rule: "tf/syntax", src: "locals {\n  a = 1\n  a = 2\n}\n",
			want: [3]string{"Syntax error: Attribute redefined", "The argument \"a\" was already set at main.tf:2,3-4. Each argument may be set only once.", enSyntaxHint}},
		{name: "hcl detail", lang: "es", rule: "tf/syntax", src: "locals {\n  a = 1\n  a = 2\n}\n",
			want: [3]string{"Error de sintaxis: Argumento definido dos veces", esSyntaxDetail, esSyntaxHint}},
		{name: "untranslated hcl summary", lang: "en", rule: "tf/syntax", src: "locals {\n  a = \"${var.x\"\n}\n",
			want: [3]string{"Syntax error: Unclosed template interpolation sequence", "There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.", enSyntaxHint}},
		{name: "untranslated hcl summary", lang: "es", rule: "tf/syntax", src: "locals {\n  a = \"${var.x\"\n}\n",
			want: [3]string{"Error de sintaxis: Unclosed template interpolation sequence", esSyntaxDetail, esSyntaxHint}},
		{name: "too deep", lang: "en", rule: "tf/syntax", src: "locals {\n  x = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n}\n",
			want: [3]string{"Brackets nested more than 200 levels deep", "No hand-written configuration nests this deeply, so the file is not read any further.", "Check for brackets that are opened and never closed."}},
		{name: "too deep", lang: "es", rule: "tf/syntax", src: "locals {\n  x = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n}\n",
			want: [3]string{"Corchetes anidados a más de 200 niveles", "Ninguna configuración escrita a mano anida tanto, así que el archivo no se sigue leyendo.", "Busca corchetes o llaves que se abren y nunca se cierran."}},
		{name: "conversion error", lang: "en", rule: "tf/default-type", src: "variable \"svc\" {\n  type = object({ port = number })\n  default = { port = \"http\" }\n}\n",
			want: [3]string{"Default of \"svc\" is not a object({port=number})", "The variable is declared with `type = object({port=number})`, but its default is a map that cannot be converted. (a number is required)", "Change the default to a object({port=number}) or correct the type."}},
		{name: "conversion error", lang: "es", rule: "tf/default-type", src: "variable \"svc\" {\n  type = object({ port = number })\n  default = { port = \"http\" }\n}\n",
			want: [3]string{"El valor por defecto de \"svc\" no es object({port=number})", "La variable se declara con `type = object({port=number})`, pero su valor por defecto es un map que no se puede convertir.", "Cambia el valor por defecto a object({port=number}) o corrige el tipo."}},
		{name: "labels", lang: "en", rule: "tf/block-labels", src: "resource \"aws_s3_bucket\" {\n}\n",
			want: [3]string{"The \"resource\" block needs 2 label(s)", "Terraform identifies this block by its labels: \"type\" \"name\".", "Write the block as `resource \"type\" \"name\" { ... }`."}},
		{name: "labels", lang: "es", rule: "tf/block-labels", src: "resource \"aws_s3_bucket\" {\n}\n",
			want: [3]string{"El bloque \"resource\" necesita 2 etiqueta(s)", "Terraform identifica este bloque por sus etiquetas: \"type\" \"name\".", "Escribe el bloque como `resource \"type\" \"name\" { ... }`."}},
		{name: "fmt", lang: "en", rule: "tf/fmt", src: "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n  force_destroy = true\n}\n",
			want: [3]string{"`terraform fmt` would change this file, starting at line 2", "Consistent formatting keeps reviews about content; `terraform fmt -check` in CI fails on this file.", "Run `terraform fmt`; this line should read:   bucket        = \"b\""}},
		{name: "fmt", lang: "es", rule: "tf/fmt", src: "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n  force_destroy = true\n}\n",
			want: [3]string{"`terraform fmt` cambiaría este archivo, a partir de la línea 2", "Un formato uniforme hace que las revisiones traten del contenido; `terraform fmt -check` en la CI falla con este archivo.", "Ejecuta `terraform fmt`; esta línea debería quedar así:   bucket        = \"b\""}},
		{name: "special attribute", lang: "en", rule: "tf/unknown-attribute", src: "resource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([\"a\"])\n  bucket   = each.kye\n}\n",
			want: [3]string{"`each` has no attribute \"kye\"", "The attributes of `each` are `key`, `value`.", "Did you mean `each.key`?"}},
		{name: "special attribute", lang: "es", rule: "tf/unknown-attribute", src: "resource \"aws_s3_bucket\" \"b\" {\n  for_each = toset([\"a\"])\n  bucket   = each.kye\n}\n",
			want: [3]string{"`each` no tiene el atributo \"kye\"", "Los atributos de `each` son `key`, `value`.", "¿Quisiste decir `each.key`?"}},
		{name: "ecs port", lang: "en", rule: "tf/ecs-container-port", files: map[string]string{"ecs.tf": ecsModule("8000", "\"api\"", "80")},
			want: [3]string{"Port 80 is not a containerPort of \"api\"", "The target group would send traffic to a port the container does not listen on, so health checks fail and the service never becomes healthy.", "The task definition maps: 8000."}},
		{name: "ecs port", lang: "es", rule: "tf/ecs-container-port", files: map[string]string{"ecs.tf": ecsModule("8000", "\"api\"", "80")},
			want: [3]string{"El puerto 80 no es un containerPort de \"api\"", "El grupo de destino enviaría tráfico a un puerto en el que el contenedor no escucha, así que las comprobaciones de salud fallan y el servicio nunca queda sano.", "La definición de tarea expone: 8000."}},
	} {
		t.Run(tc.name+"/"+tc.lang, func(t *testing.T) {
			files := tc.files
			if files == nil {
				files = main(tc.src)
			}
			ds := only(lint(t, files, Options{}), tc.rule)
			if len(ds) == 0 {
				t.Fatalf("no %s diagnostic", tc.rule)
			}
			if got := renderAll(tc.lang, ds[0]); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func renderAll(lang string, d diag.Diagnostic) [3]string {
	s, dt, h := render(printerFor(lang), d)
	return [3]string{s, dt, h}
}
