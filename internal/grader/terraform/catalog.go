package terraform

import (
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/rules"
)

// Lesson slugs the rules point to.
const (
	lessonBasics   = "terraform-basics"
	lessonWorkflow = "terraform-workflow"
	lessonState    = "terraform-state"
	lessonPractice = "professional-practice"
)

type ruleDef struct {
	id       string
	severity diag.Severity
	lesson   string
	en, es   rules.Text
}

// catalog is the read-only list behind Rules; every diagnostic this package
// emits names one of these IDs.
var catalog = []ruleDef{
	{"tf/syntax", diag.SeverityError, lessonBasics,
		rules.Text{Title: "HCL syntax error", Why: "Terraform cannot read a file that does not parse, so plan and apply stop before doing anything; nothing in the module can be checked until the file reads cleanly.", Fix: "Look at the marked spot and the line before it: a missing closing brace or quote, a missing `=` between a name and its value, or two arguments on one line are the usual causes."},
		rules.Text{Title: "Error de sintaxis HCL", Why: "Terraform no puede leer un archivo que no se analiza correctamente, así que plan y apply se detienen antes de hacer nada; no se puede revisar el módulo hasta que el archivo se lea bien.", Fix: "Mira el punto marcado y la línea anterior: suele faltar una llave o unas comillas de cierre, el `=` entre un nombre y su valor, o hay dos argumentos en la misma línea."}},
	{"tf/unknown-block", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Block type not expected here", Why: "Terraform rejects a block it does not know, often a typo in `resource`, `variable` or a nested block name, and refuses to plan.", Fix: "Correct the block name (the hint shows the closest valid one), or write it as an argument with `=` if it is one."},
		rules.Text{Title: "Tipo de bloque no esperado aquí", Why: "Terraform rechaza un bloque que no conoce, casi siempre una errata en `resource`, `variable` o en el nombre de un bloque anidado, y se niega a planificar.", Fix: "Corrige el nombre del bloque (la pista muestra el válido más parecido) o escríbelo como argumento con `=` si lo es."}},
	{"tf/block-labels", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Wrong number of block labels", Why: "Each block type takes a fixed number of quoted labels: a resource needs its type and a name, a variable only a name. With the wrong count Terraform cannot tell what is being declared.", Fix: "Write the labels the block expects, for example `resource \"aws_ecs_cluster\" \"main\" { ... }` or `variable \"region\" { ... }`."},
		rules.Text{Title: "Número incorrecto de etiquetas en el bloque", Why: "Cada tipo de bloque lleva un número fijo de etiquetas entre comillas: un recurso necesita su tipo y un nombre, una variable solo un nombre. Con otro número Terraform no sabe qué se declara.", Fix: "Escribe las etiquetas que espera el bloque, por ejemplo `resource \"aws_ecs_cluster\" \"main\" { ... }` o `variable \"region\" { ... }`."}},
	{"tf/unknown-argument", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Argument not expected here", Why: "A misspelt or invented argument makes `terraform validate` fail, and an argument that the provider computes by itself cannot be set at all.", Fix: "Use the argument name the resource documents (the hint shows the closest one), move it to the block where it belongs, or remove it."},
		rules.Text{Title: "Argumento no esperado aquí", Why: "Un argumento mal escrito o inventado hace fallar `terraform validate`, y uno que el proveedor calcula por su cuenta no se puede asignar.", Fix: "Usa el nombre de argumento que documenta el recurso (la pista muestra el más parecido), muévelo al bloque que le corresponde o elimínalo."}},
	{"tf/missing-argument", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Required argument missing", Why: "The provider needs some arguments to create a resource (an ECS service needs a name, a task definition needs its container definitions); without them the plan fails.", Fix: "Add the missing argument to the block with a suitable value or a reference to a variable."},
		rules.Text{Title: "Falta un argumento obligatorio", Why: "El proveedor necesita ciertos argumentos para crear un recurso (un servicio ECS necesita un nombre, una definición de tarea sus contenedores); sin ellos el plan falla.", Fix: "Añade al bloque el argumento que falta, con un valor adecuado o una referencia a una variable."}},
	{"tf/wrong-type", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Value of the wrong type", Why: "Terraform converts between strings, numbers and booleans when it can, but a word where a number goes, or a list where one string goes, stops the plan.", Fix: "Write a value of the expected type: a number without quotes for counts and ports, a single string instead of a list, a map with `{ }` for tags."},
		rules.Text{Title: "Valor de tipo incorrecto", Why: "Terraform convierte entre cadenas, números y booleanos cuando puede, pero una palabra donde va un número, o una lista donde va una sola cadena, detiene el plan.", Fix: "Escribe un valor del tipo esperado: un número sin comillas para cantidades y puertos, una cadena en lugar de una lista, un mapa con `{ }` para las etiquetas."}},
	{"tf/invalid-type", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Invalid type constraint", Why: "A variable's `type` is written in Terraform's type language (`string`, `number`, `list(string)`, `object({...})`); anything else makes the whole module invalid.", Fix: "Write the type without quotes using those keywords, e.g. `type = list(string)`."},
		rules.Text{Title: "Restricción de tipo no válida", Why: "El `type` de una variable se escribe en el lenguaje de tipos de Terraform (`string`, `number`, `list(string)`, `object({...})`); cualquier otra cosa invalida el módulo entero.", Fix: "Escribe el tipo sin comillas con esas palabras clave, por ejemplo `type = list(string)`."}},
	{"tf/duplicate", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Declared twice", Why: "Every resource, data source, variable, output, local value, module call and provider configuration needs a unique address; Terraform refuses a module that declares one twice, even across files.", Fix: "Rename one of the two, or delete the copy. For a second provider configuration, give it an `alias`."},
		rules.Text{Title: "Declarado dos veces", Why: "Cada recurso, fuente de datos, variable, salida, valor local, llamada a módulo y configuración de proveedor necesita una dirección única; Terraform rechaza un módulo que declara uno dos veces, aunque sea en archivos distintos.", Fix: "Renombra uno de los dos o borra la copia. Para una segunda configuración de proveedor, dale un `alias`."}},
	{"tf/count-and-for-each", diag.SeverityError, lessonBasics,
		rules.Text{Title: "`count` and `for_each` together", Why: "A block is repeated either by number (`count`) or by a map or set of keys (`for_each`), never both; Terraform rejects the block.", Fix: "Keep one: `for_each` when each copy has its own key (stable addresses), `count` for a number of identical copies."},
		rules.Text{Title: "`count` y `for_each` a la vez", Why: "Un bloque se repite o por número (`count`) o por un mapa o conjunto de claves (`for_each`), nunca con ambos; Terraform rechaza el bloque.", Fix: "Deja solo uno: `for_each` cuando cada copia tiene su propia clave (direcciones estables), `count` para varias copias idénticas."}},
	{"tf/splat-for-each", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Splat over a `for_each` resource", Why: "`[*]` collects an attribute from a list of instances; a resource with `for_each` is a map keyed by name instead, so the reference fails validation and the output or argument using it never gets a value.", Fix: "Use `values(RESOURCE)[*].ATTR`, or a `for` expression over the map."},
		rules.Text{Title: "Splat sobre un recurso con `for_each`", Why: "`[*]` reúne un atributo de una lista de instancias; un recurso con `for_each` es en cambio un mapa por clave, así que la referencia falla en la validación y la salida o el argumento que la usa nunca tiene valor.", Fix: "Usa `values(RECURSO)[*].ATRIBUTO`, o una expresión `for` sobre el mapa."}},
	{"tf/invalid-name", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Name is not a valid identifier", Why: "Names of resources, variables, outputs and modules become parts of addresses like `aws_lb.main.arn`; they must start with a letter or underscore and contain only letters, digits, `_` and `-`.", Fix: "Rename it, e.g. `model-api` or `model_api` instead of `model api` or `1api`."},
		rules.Text{Title: "Nombre que no es un identificador válido", Why: "Los nombres de recursos, variables, salidas y módulos forman parte de direcciones como `aws_lb.main.arn`; deben empezar por una letra o un guion bajo y solo llevar letras, dígitos, `_` y `-`.", Fix: "Renómbralo, por ejemplo `model-api` o `model_api` en lugar de `model api` o `1api`."}},
	{"tf/undeclared-reference", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Reference to something not declared", Why: "An expression refers to a variable, local value, resource, data source or module that this module does not declare, usually a typo; `terraform validate` fails.", Fix: "Fix the name (the hint shows the closest declared one) or declare what is missing."},
		rules.Text{Title: "Referencia a algo no declarado", Why: "Una expresión hace referencia a una variable, valor local, recurso, fuente de datos o módulo que este módulo no declara, casi siempre por una errata; `terraform validate` falla.", Fix: "Corrige el nombre (la pista muestra el declarado más parecido) o declara lo que falta."}},
	{"tf/unknown-attribute", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Resource has no such attribute", Why: "Each resource type exports a fixed set of attributes (`aws_lb` has `dns_name`, `arn`, `zone_id`...). Referring to one that does not exist fails validation.", Fix: "Use an attribute the resource exports; the hint shows the closest one."},
		rules.Text{Title: "El recurso no tiene ese atributo", Why: "Cada tipo de recurso exporta un conjunto fijo de atributos (`aws_lb` tiene `dns_name`, `arn`, `zone_id`...). Referirse a uno que no existe hace fallar la validación.", Fix: "Usa un atributo que el recurso exporte; la pista muestra el más parecido."}},
	{"tf/misplaced-iterator", diag.SeverityError, lessonBasics,
		rules.Text{Title: "`each`, `count` or `self` used where it has no value", Why: "`each` exists only in blocks with `for_each`, `count.index` only in blocks with `count`, and `self` only in provisioners, connections and postconditions. Elsewhere Terraform has nothing to put there.", Fix: "Add the matching `for_each` or `count` to the block, or refer to the object by its full address instead."},
		rules.Text{Title: "`each`, `count` o `self` usado donde no tiene valor", Why: "`each` solo existe en bloques con `for_each`, `count.index` solo en bloques con `count` y `self` solo en aprovisionadores, conexiones y postcondiciones. En otro sitio Terraform no tiene nada que poner.", Fix: "Añade al bloque el `for_each` o `count` correspondiente, o refiérete al objeto por su dirección completa."}},
	{"tf/unknown-resource-type", diag.SeverityInfo, lessonBasics,
		rules.Text{Title: "Resource type not in iactutor's schema", Why: "iactutor knows the AWS resource types the course uses. For other types it cannot check arguments or attributes, so a typo there would only show up in `terraform validate`.", Fix: "Nothing to do if the type is right; run `terraform validate` to have its arguments checked. If it is a typo of a known type, the hint says which."},
		rules.Text{Title: "Tipo de recurso fuera del esquema de iactutor", Why: "iactutor conoce los tipos de recurso de AWS que usa el curso. Para los demás no puede revisar argumentos ni atributos, así que una errata ahí solo aparecería en `terraform validate`.", Fix: "No hace falta nada si el tipo es correcto; ejecuta `terraform validate` para revisar sus argumentos. Si es una errata de un tipo conocido, la pista dice cuál."}},
	{"tf/provider-source", diag.SeverityWarning, lessonBasics,
		rules.Text{Title: "Provider without a `source`", Why: "Without `source = \"hashicorp/aws\"` in `required_providers`, Terraform guesses where the provider comes from; for anything outside the hashicorp namespace the guess is wrong, and readers cannot see which provider is meant.", Fix: "Declare it: `terraform { required_providers { aws = { source = \"hashicorp/aws\", version = \"~> 5.0\" } } }`."},
		rules.Text{Title: "Proveedor sin `source`", Why: "Sin `source = \"hashicorp/aws\"` en `required_providers`, Terraform adivina de dónde viene el proveedor; fuera del espacio de nombres de hashicorp se equivoca, y quien lee no ve qué proveedor se usa.", Fix: "Decláralo: `terraform { required_providers { aws = { source = \"hashicorp/aws\", version = \"~> 5.0\" } } }`."}},
	{"tf/provider-version", diag.SeverityWarning, lessonBasics,
		rules.Text{Title: "Provider version not pinned", Why: "Without a version constraint, `terraform init` installs the newest provider; a new major version can change or remove arguments and break a plan that worked yesterday.", Fix: "Add a constraint such as `version = \"~> 5.0\"` (any 5.x, never 6.0) and commit `.terraform.lock.hcl`."},
		rules.Text{Title: "Versión del proveedor sin fijar", Why: "Sin una restricción de versión, `terraform init` instala el proveedor más reciente; una versión mayor nueva puede cambiar o quitar argumentos y romper un plan que ayer funcionaba.", Fix: "Añade una restricción como `version = \"~> 5.0\"` (cualquier 5.x, nunca 6.0) y sube `.terraform.lock.hcl` al repositorio."}},
	{"tf/hardcoded-region", diag.SeverityWarning, lessonBasics,
		rules.Text{Title: "Region or account fixed in the provider", Why: "A literal region or account ID ties the module to one place: the same code cannot deploy a staging copy in another region or account without editing it.", Fix: "Declare `variable \"region\"` and write `region = var.region`; set its value per environment in a `.tfvars` file."},
		rules.Text{Title: "Región o cuenta fijada en el proveedor", Why: "Una región o un ID de cuenta literal ata el módulo a un solo sitio: el mismo código no puede desplegar una copia de staging en otra región o cuenta sin editarlo.", Fix: "Declara `variable \"region\"` y escribe `region = var.region`; da su valor por entorno en un archivo `.tfvars`."}},
	{"tf/hardcoded-secret", diag.SeverityError, lessonPractice,
		rules.Text{Title: "Secret written in the code", Why: "A password, token or key in a .tf file ends up in Git history and in the state file, readable by anyone with access to either, and it cannot be rotated without a commit.", Fix: "Read it from a secret manager (`data \"aws_secretsmanager_secret_version\"`), or pass it through a variable with `sensitive = true` set from the environment (`TF_VAR_...`)."},
		rules.Text{Title: "Secreto escrito en el código", Why: "Una contraseña, un token o una clave en un archivo .tf acaba en el historial de Git y en el archivo de estado, legible por cualquiera con acceso a ellos, y no se puede rotar sin un commit.", Fix: "Léelo de un gestor de secretos (`data \"aws_secretsmanager_secret_version\"`) o pásalo por una variable con `sensitive = true` cuyo valor venga del entorno (`TF_VAR_...`)."}},
	{"tf/sensitive-variable", diag.SeverityWarning, lessonPractice,
		rules.Text{Title: "Secret variable not marked sensitive", Why: "Without `sensitive = true`, Terraform prints the variable's value in plan and apply output, and from there into CI logs that many people can read.", Fix: "Add `sensitive = true` to the variable block."},
		rules.Text{Title: "Variable secreta sin marcar como sensible", Why: "Sin `sensitive = true`, Terraform muestra el valor de la variable en la salida de plan y apply, y de ahí pasa a los registros de CI que lee mucha gente.", Fix: "Añade `sensitive = true` al bloque de la variable."}},
	{"tf/default-type", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Default does not match the variable's type", Why: "Terraform checks a variable's default against its `type`; a mismatch makes every plan fail, even when a value is passed in.", Fix: "Change the default to a value of the declared type, or correct the type."},
		rules.Text{Title: "El valor por defecto no coincide con el tipo", Why: "Terraform comprueba el valor por defecto de una variable contra su `type`; si no coinciden, todos los planes fallan, aunque se pase un valor.", Fix: "Cambia el valor por defecto a uno del tipo declarado o corrige el tipo."}},
	{"tf/validation-self", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Validation does not check its variable", Why: "A `validation` block exists to test the value of the variable it sits in; a condition that never mentions `var.<name>` cannot reject a bad value.", Fix: "Write the condition in terms of the variable, e.g. `condition = var.desired_count >= 1`."},
		rules.Text{Title: "La validación no comprueba su variable", Why: "Un bloque `validation` sirve para comprobar el valor de la variable en la que está; una condición que nunca menciona `var.<nombre>` no puede rechazar un valor malo.", Fix: "Escribe la condición en función de la variable, por ejemplo `condition = var.desired_count >= 1`."}},
	{"tf/sensitive-output", diag.SeverityError, lessonPractice,
		rules.Text{Title: "Output shows a sensitive value", Why: "An output derived from a sensitive variable or attribute would print the secret after every apply; Terraform refuses unless the output is marked sensitive too.", Fix: "Add `sensitive = true` to the output, or better, do not output the secret at all."},
		rules.Text{Title: "Una salida muestra un valor sensible", Why: "Una salida derivada de una variable o atributo sensible imprimiría el secreto tras cada apply; Terraform lo rechaza salvo que la salida también se marque como sensible.", Fix: "Añade `sensitive = true` a la salida o, mejor, no expongas el secreto."}},
	{"tf/local-state", diag.SeverityWarning, lessonState,
		rules.Text{Title: "State kept on one machine", Why: "Without a remote backend the state file lives on whoever ran apply; teammates and CI cannot see it, two applies can run at once, and losing the laptop loses track of every resource.", Fix: "Add a remote backend with locking, e.g. `backend \"s3\" { bucket = \"...\", key = \"...\", region = \"...\", use_lockfile = true }` inside the `terraform` block."},
		rules.Text{Title: "Estado guardado en una sola máquina", Why: "Sin un backend remoto el archivo de estado vive en el equipo de quien ejecutó apply; el equipo y la CI no lo ven, dos apply pueden correr a la vez y perder el portátil es perder la pista de todos los recursos.", Fix: "Añade un backend remoto con bloqueo, por ejemplo `backend \"s3\" { bucket = \"...\", key = \"...\", region = \"...\", use_lockfile = true }` dentro del bloque `terraform`."}},
	{"tf/backend-locking", diag.SeverityWarning, lessonState,
		rules.Text{Title: "S3 backend without state locking", Why: "Without a lock, two people or two pipelines can apply at the same moment and overwrite each other's state, leaving resources Terraform no longer knows about.", Fix: "Add `use_lockfile = true` to the S3 backend (Terraform 1.10 or newer), or `dynamodb_table = \"...\"` for older versions."},
		rules.Text{Title: "Backend S3 sin bloqueo del estado", Why: "Sin bloqueo, dos personas o dos pipelines pueden aplicar a la vez y pisarse el estado, dejando recursos que Terraform ya no conoce.", Fix: "Añade `use_lockfile = true` al backend S3 (Terraform 1.10 o posterior) o `dynamodb_table = \"...\"` en versiones anteriores."}},
	{"tf/missing-tags", diag.SeverityWarning, lessonState,
		rules.Text{Title: "Resource without tags", Why: "Tags such as project, environment and owner are how the bill is split and how orphaned resources are found; an untagged resource is cost nobody can attribute.", Fix: "Add `default_tags { tags = { ... } }` to the aws provider once, or a `tags = { ... }` map to the resource."},
		rules.Text{Title: "Recurso sin etiquetas", Why: "Etiquetas como proyecto, entorno y responsable sirven para repartir la factura y encontrar recursos huérfanos; un recurso sin etiquetar es un coste que nadie puede atribuir.", Fix: "Añade una vez `default_tags { tags = { ... } }` al proveedor aws, o un mapa `tags = { ... }` al recurso."}},
	{"tf/interpolation-only", diag.SeverityWarning, lessonBasics,
		rules.Text{Title: "String that only wraps one expression", Why: "`\"${var.x}\"` is old Terraform 0.11 style: it converts the value to a string for nothing, can turn lists and numbers into the wrong type, and `terraform fmt` rewrites it.", Fix: "Write the expression on its own: `var.x` instead of `\"${var.x}\"`."},
		rules.Text{Title: "Cadena que solo envuelve una expresión", Why: "`\"${var.x}\"` es estilo antiguo de Terraform 0.11: convierte el valor en cadena sin necesidad, puede cambiar el tipo de listas y números, y `terraform fmt` lo reescribe.", Fix: "Escribe la expresión sola: `var.x` en lugar de `\"${var.x}\"`."}},
	{"tf/fmt", diag.SeverityWarning, lessonWorkflow,
		rules.Text{Title: "File not in canonical format", Why: "`terraform fmt` gives every module the same layout, so diffs in review show real changes only; many CI pipelines run `terraform fmt -check` and fail on unformatted files.", Fix: "Run `terraform fmt` in the folder (or format on save in your editor)."},
		rules.Text{Title: "Archivo sin el formato canónico", Why: "`terraform fmt` da a todos los módulos la misma disposición, así las diferencias en revisión solo muestran cambios reales; muchos pipelines de CI ejecutan `terraform fmt -check` y fallan con archivos sin formatear.", Fix: "Ejecuta `terraform fmt` en la carpeta (o formatea al guardar desde tu editor)."}},
	{"tf/ecs-container-port", diag.SeverityError, lessonBasics,
		rules.Text{Title: "Load balancer points at a port the container does not expose", Why: "The ECS service registers `container_name` and `container_port` with the target group; if the task definition has no such container or port mapping, the deployment fails or the targets never become healthy.", Fix: "Make `load_balancer.container_port` equal to a `containerPort` in the task definition's `portMappings` (8000 for the course's API) and `container_name` equal to the container's `name`."},
		rules.Text{Title: "El balanceador apunta a un puerto que el contenedor no expone", Why: "El servicio ECS registra `container_name` y `container_port` en el grupo de destino; si la definición de tarea no tiene ese contenedor o ese puerto, el despliegue falla o los destinos nunca quedan sanos.", Fix: "Haz que `load_balancer.container_port` sea igual a un `containerPort` de los `portMappings` de la definición de tarea (8000 en la API del curso) y `container_name` igual al `name` del contenedor."}},
}

// Rules returns the Terraform rules for the catalogue behind `iactutor
// explain`; IDs start with "tf/".
func Rules() []rules.Rule {
	out := make([]rules.Rule, 0, len(catalog))
	for _, r := range catalog {
		out = append(out, rules.Rule{ID: r.id, Severity: r.severity, Lesson: r.lesson,
			Text: map[string]rules.Text{"en": r.en, "es": r.es}})
	}
	return out
}

// defaultSeverity looks a rule's severity up in the catalogue.
func defaultSeverity(id string) diag.Severity {
	for _, r := range catalog {
		if r.id == id {
			return r.severity
		}
	}
	return diag.SeverityError
}
