package terraform

import (
	"fmt"
	"strings"
)

// texts is the text of one kind of diagnostic. Format verbs use explicit
// argument indexes (%[1]s) so each language may order them freely.
type texts struct{ Summary, Detail, Hint string }

// messages holds every diagnostic text by key and language; read-only.
var messages = map[string]map[string]texts{
	"syntax": {
		"en": {"Syntax error: %[1]s", "Terraform cannot read this file until the syntax is fixed, so nothing in it can be checked yet.", "Look at the marked spot and the line just before it: a missing brace, quote or `=` is the usual cause."},
		"es": {"Error de sintaxis: %[1]s", "Terraform no puede leer este archivo hasta que se corrija la sintaxis, así que todavía no se puede revisar nada de él.", "Mira el punto marcado y la línea justo anterior: lo habitual es que falte una llave, unas comillas o un `=`."},
	},
	"syntax-too-deep": {
		"en": {"Brackets nested more than %[1]d levels deep", "No hand-written configuration nests this deeply, so the file is not read any further.", "Check for brackets that are opened and never closed."},
		"es": {"Corchetes anidados a más de %[1]d niveles", "Ninguna configuración escrita a mano anida tanto, así que el archivo no se sigue leyendo.", "Busca corchetes o llaves que se abren y nunca se cierran."},
	},
	"hint-didyoumean": {
		"en": {Summary: "Did you mean `%[1]s`?"},
		"es": {Summary: "¿Quisiste decir `%[1]s`?"},
	},
	"toplevel-attribute": {
		"en": {"Argument \"%[1]s\" outside any block", "At the top level of a .tf file only blocks such as `resource`, `variable` or `locals` may appear.", "Move it into the block it belongs to, or into a `locals { }` block if it is a named value."},
		"es": {"Argumento \"%[1]s\" fuera de cualquier bloque", "En el nivel superior de un archivo .tf solo pueden aparecer bloques como `resource`, `variable` o `locals`.", "Muévelo al bloque al que pertenece, o a un bloque `locals { }` si es un valor con nombre."},
	},
	"unknown-toplevel-block": {
		"en": {"Unknown block type \"%[1]s\"", "A module's top level holds terraform, provider, variable, locals, resource, data, module, output, moved, import, check and removed blocks.", "Use one of those block types."},
		"es": {"Tipo de bloque desconocido \"%[1]s\"", "El nivel superior de un módulo admite bloques terraform, provider, variable, locals, resource, data, module, output, moved, import, check y removed.", "Usa uno de esos tipos de bloque."},
	},
	"labels-extra": {
		"en": {"Too many labels on the \"%[1]s\" block", "A \"%[1]s\" block takes %[2]d label(s); Terraform rejects the extra one.", "Remove the extra quoted label."},
		"es": {"Demasiadas etiquetas en el bloque \"%[1]s\"", "Un bloque \"%[1]s\" lleva %[2]d etiqueta(s); Terraform rechaza la que sobra.", "Quita la etiqueta entre comillas que sobra."},
	},
	"labels-missing": {
		"en": {"The \"%[1]s\" block needs %[2]d label(s)", "Terraform identifies this block by its labels: %[3]s.", "Write the block as `%[1]s %[3]s { ... }`."},
		"es": {"El bloque \"%[1]s\" necesita %[2]d etiqueta(s)", "Terraform identifica este bloque por sus etiquetas: %[3]s.", "Escribe el bloque como `%[1]s %[3]s { ... }`."},
	},
	"invalid-name": {
		"en": {"\"%[1]s\" is not a valid name", "Names must start with a letter or underscore and contain only letters, digits, underscores and hyphens, because they become part of addresses.", "Rename it, for example with underscores instead of spaces or dots."},
		"es": {"\"%[1]s\" no es un nombre válido", "Los nombres deben empezar por una letra o un guion bajo y solo contener letras, dígitos, guiones bajos y guiones, porque forman parte de direcciones.", "Renómbralo, por ejemplo con guiones bajos en lugar de espacios o puntos."},
	},
	"reserved-variable": {
		"en": {"\"%[1]s\" cannot name a variable", "Module calls use this word as a meta-argument, so Terraform reserves it.", "Choose another name, e.g. `app_%[1]s`."},
		"es": {"\"%[1]s\" no puede ser el nombre de una variable", "Las llamadas a módulos usan esta palabra como metaargumento, así que Terraform la reserva.", "Elige otro nombre, por ejemplo `app_%[1]s`."},
	},
	"unknown-meta-argument": {
		"en": {"Unknown argument \"%[1]s\" in a %[2]s block", "Terraform only accepts its own arguments in this block and rejects any other.", "Remove it or correct the name."},
		"es": {"Argumento desconocido \"%[1]s\" en un bloque %[2]s", "Terraform solo acepta sus propios argumentos en este bloque y rechaza cualquier otro.", "Quítalo o corrige el nombre."},
	},
	"missing-meta-argument": {
		"en": {"The %[2]s block needs \"%[1]s\"", "Terraform cannot use this block without it.", "Add `%[1]s = ...` inside the block."},
		"es": {"El bloque %[2]s necesita \"%[1]s\"", "Terraform no puede usar este bloque sin ese argumento.", "Añade `%[1]s = ...` dentro del bloque."},
	},
	"unknown-nested-block": {
		"en": {"Unknown block \"%[1]s\" in %[2]s", "This block type is not part of %[2]s, so Terraform rejects it.", "Correct the block name or remove the block."},
		"es": {"Bloque desconocido \"%[1]s\" en %[2]s", "Este tipo de bloque no forma parte de %[2]s, así que Terraform lo rechaza.", "Corrige el nombre del bloque o quítalo."},
	},
	"hint-block-is-attribute": {
		"en": {Summary: "`%[1]s` is an argument, not a block: write `%[1]s = { ... }` with an equals sign."},
		"es": {Summary: "`%[1]s` es un argumento, no un bloque: escribe `%[1]s = { ... }` con signo igual."},
	},
	"duplicate": {
		"en": {"`%[1]s` is declared twice", "The first declaration is at %[2]s; every address in a module must be unique, even across files.", "Rename one of them or delete the copy."},
		"es": {"`%[1]s` está declarado dos veces", "La primera declaración está en %[2]s; cada dirección de un módulo debe ser única, aunque esté en otro archivo.", "Renombra uno de ellos o borra la copia."},
	},
	"duplicate-provider": {
		"en": {"Provider configuration `%[1]s` is declared twice", "The first one is at %[2]s. A second configuration of the same provider needs its own `alias`.", "Add `alias = \"...\"` to one of them and select it with `provider = %[1]s.<alias>` in resources."},
		"es": {"La configuración de proveedor `%[1]s` está declarada dos veces", "La primera está en %[2]s. Una segunda configuración del mismo proveedor necesita su propio `alias`.", "Añade `alias = \"...\"` a una de ellas y elígela con `provider = %[1]s.<alias>` en los recursos."},
	},
	"duplicate-backend": {
		"en": {"A second backend for the same module", "The first is at %[1]s; a module stores its state in exactly one place.", "Keep one backend (or cloud) block and delete the other."},
		"es": {"Un segundo backend para el mismo módulo", "El primero está en %[1]s; un módulo guarda su estado en un único sitio.", "Deja un solo bloque backend (o cloud) y borra el otro."},
	},
	"too-many-blocks": {
		"en": {"Too many \"%[1]s\" blocks", "Only %[2]d \"%[1]s\" block(s) may appear here.", "Merge the settings into one block."},
		"es": {"Demasiados bloques \"%[1]s\"", "Aquí solo puede haber %[2]d bloque(s) \"%[1]s\".", "Junta los valores en un solo bloque."},
	},
	"count-and-for-each": {
		"en": {"This %[1]s block sets both `count` and `for_each`", "A block is repeated either by a number or by a collection of keys, never both.", "Remove one of the two; prefer `for_each` when each copy has its own key."},
		"es": {"Este bloque %[1]s define `count` y `for_each` a la vez", "Un bloque se repite o por un número o por una colección de claves, nunca por ambos.", "Quita uno de los dos; usa `for_each` cuando cada copia tiene su propia clave."},
	},
	"unknown-resource-type": {
		"en": {"Resource type \"%[1]s\" is not in iactutor's AWS %[2]s schema", "Its arguments and attributes are not checked here; `terraform validate` will check them.", "If the type is right, nothing to do."},
		"es": {"El tipo de recurso \"%[1]s\" no está en el esquema AWS %[2]s de iactutor", "Sus argumentos y atributos no se revisan aquí; `terraform validate` los revisará.", "Si el tipo es correcto, no hace falta nada."},
	},
	"unknown-data-type": {
		"en": {"Data source \"%[1]s\" is not in iactutor's AWS %[2]s schema", "Its arguments and attributes are not checked here; `terraform validate` will check them.", "If the type is right, nothing to do."},
		"es": {"La fuente de datos \"%[1]s\" no está en el esquema AWS %[2]s de iactutor", "Sus argumentos y atributos no se revisan aquí; `terraform validate` los revisará.", "Si el tipo es correcto, no hace falta nada."},
	},
	"count-type": {
		"en": {"`count` must be a number, not a %[1]s", "`count` says how many copies to create, so it must be a whole number.", "Write a number without quotes, e.g. `count = 2`, or a variable of type number."},
		"es": {"`count` debe ser un número, no un %[1]s", "`count` indica cuántas copias crear, así que debe ser un número entero.", "Escribe un número sin comillas, por ejemplo `count = 2`, o una variable de tipo number."},
	},
	"splat-for-each": {
		"en": {"`%[1]s[*]` does not work: %[1]s uses `for_each`", "A resource with `for_each` is a map of instances keyed by name, not a list, so `[*]` finds no `%[2]s` on it and `terraform validate` fails.", "Write `values(%[1]s)[*].%[2]s`, or `[for r in %[1]s : r.%[2]s]`, or `{ for k, r in %[1]s : k => r.%[2]s }` to keep the keys."},
		"es": {"`%[1]s[*]` no funciona: %[1]s usa `for_each`", "Un recurso con `for_each` es un mapa de instancias por clave, no una lista, así que `[*]` no encuentra `%[2]s` en él y `terraform validate` falla.", "Escribe `values(%[1]s)[*].%[2]s`, o `[for r in %[1]s : r.%[2]s]`, o `{ for k, r in %[1]s : k => r.%[2]s }` para conservar las claves."},
	},
	"for-each-list": {
		"en": {"`for_each` needs a map or a set, not a list", "Each copy is identified by a key; a list has positions, not keys, so Terraform rejects it.", "Wrap the list in `toset([...])`, or use a map."},
		"es": {"`for_each` necesita un mapa o un conjunto, no una lista", "Cada copia se identifica por una clave; una lista tiene posiciones, no claves, así que Terraform la rechaza.", "Envuelve la lista en `toset([...])` o usa un mapa."},
	},
	"for-each-type": {
		"en": {"`for_each` needs a map or a set, not a %[1]s", "Each copy is identified by a key taken from the map or set.", "Give it a map, or a set of strings with `toset([...])`."},
		"es": {"`for_each` necesita un mapa o un conjunto, no un %[1]s", "Cada copia se identifica por una clave tomada del mapa o del conjunto.", "Dale un mapa, o un conjunto de cadenas con `toset([...])`."},
	},
	"attribute-is-block": {
		"en": {"\"%[1]s\" is a block, not an argument", "This setting is written as a nested block, without an equals sign.", "Write `%[1]s { ... }` instead of `%[1]s = { ... }`."},
		"es": {"\"%[1]s\" es un bloque, no un argumento", "Este ajuste se escribe como bloque anidado, sin signo igual.", "Escribe `%[1]s { ... }` en lugar de `%[1]s = { ... }`."},
	},
	"unknown-argument": {
		"en": {"Unknown argument \"%[1]s\" in %[2]s", "The provider schema has no argument with this name here, so `terraform validate` fails.", "Correct the name or remove the line."},
		"es": {"Argumento desconocido \"%[1]s\" en %[2]s", "El esquema del proveedor no tiene ningún argumento con este nombre aquí, así que `terraform validate` falla.", "Corrige el nombre o quita la línea."},
	},
	"computed-argument": {
		"en": {"\"%[1]s\" cannot be set in %[2]s", "AWS decides this value when the resource is created; it can be read but not written.", "Remove this line; refer to the value elsewhere as an attribute."},
		"es": {"\"%[1]s\" no se puede asignar en %[2]s", "AWS decide este valor al crear el recurso; se puede leer pero no escribir.", "Quita esta línea; usa el valor en otros sitios como atributo."},
	},
	"wrong-type": {
		"en": {"\"%[1]s\" expects %[2]s, but this is a %[3]s", "Terraform cannot convert this value to the type the argument needs.", "Write a value of type %[2]s."},
		"es": {"\"%[1]s\" espera %[2]s, pero esto es un %[3]s", "Terraform no puede convertir este valor al tipo que necesita el argumento.", "Escribe un valor de tipo %[2]s."},
	},
	"missing-argument": {
		"en": {"%[2]s is missing the required argument \"%[1]s\"", "The provider cannot create this without it.", "Add `%[1]s = ...` to the block."},
		"es": {"A %[2]s le falta el argumento obligatorio \"%[1]s\"", "El proveedor no puede crear esto sin él.", "Añade `%[1]s = ...` al bloque."},
	},
	"missing-block": {
		"en": {"%[2]s is missing a required \"%[1]s\" block", "The provider needs at least one of these blocks.", "Add a `%[1]s { ... }` block."},
		"es": {"A %[2]s le falta un bloque obligatorio \"%[1]s\"", "El proveedor necesita al menos uno de estos bloques.", "Añade un bloque `%[1]s { ... }`."},
	},
	"incomplete-reference": {
		"en": {"Incomplete reference to `%[1]s`", "`%[1]s` must be followed by a name, like `%[1]s.something`.", "Finish the reference with a dot and a name."},
		"es": {"Referencia incompleta a `%[1]s`", "`%[1]s` debe ir seguido de un nombre, como `%[1]s.algo`.", "Completa la referencia con un punto y un nombre."},
	},
	"incomplete-data": {
		"en": {"Incomplete data source reference", "A data source is referred to as `data.TYPE.NAME`.", "Write the type and the name, e.g. `data.aws_caller_identity.current.account_id`."},
		"es": {"Referencia incompleta a una fuente de datos", "A una fuente de datos se hace referencia como `data.TIPO.NOMBRE`.", "Escribe el tipo y el nombre, por ejemplo `data.aws_caller_identity.current.account_id`."},
	},
	"undeclared-variable": {
		"en": {"Reference to undeclared variable \"%[1]s\"", "No `variable \"%[1]s\"` block exists in this module.", "Declare it with `variable \"%[1]s\" { ... }` or correct the name."},
		"es": {"Referencia a la variable no declarada \"%[1]s\"", "No existe ningún bloque `variable \"%[1]s\"` en este módulo.", "Decláralo con `variable \"%[1]s\" { ... }` o corrige el nombre."},
	},
	"undeclared-local": {
		"en": {"Reference to undeclared local value \"%[1]s\"", "No `locals` block in this module defines `%[1]s`.", "Add `%[1]s = ...` to a `locals { }` block or correct the name."},
		"es": {"Referencia al valor local no declarado \"%[1]s\"", "Ningún bloque `locals` de este módulo define `%[1]s`.", "Añade `%[1]s = ...` a un bloque `locals { }` o corrige el nombre."},
	},
	"undeclared-module": {
		"en": {"Reference to undeclared module \"%[1]s\"", "No `module \"%[1]s\"` block exists in this module.", "Correct the name or add the module call."},
		"es": {"Referencia al módulo no declarado \"%[1]s\"", "No existe ningún bloque `module \"%[1]s\"` en este módulo.", "Corrige el nombre o añade la llamada al módulo."},
	},
	"undeclared-resource": {
		"en": {"Reference to undeclared resource `%[1]s`", "No resource with this type and name is declared in this module.", "Correct the reference or declare the resource."},
		"es": {"Referencia al recurso no declarado `%[1]s`", "En este módulo no se declara ningún recurso con este tipo y nombre.", "Corrige la referencia o declara el recurso."},
	},
	"undeclared-data": {
		"en": {"Reference to undeclared data source `%[1]s`", "No data block with this type and name is declared in this module.", "Correct the reference or declare the data block."},
		"es": {"Referencia a la fuente de datos no declarada `%[1]s`", "En este módulo no se declara ningún bloque data con este tipo y nombre.", "Corrige la referencia o declara el bloque data."},
	},
	"undeclared-provider": {
		"en": {"No provider configuration `%[1]s`", "`provider = %[1]s` selects a provider block with that alias, and none is declared.", "Add `alias` to a provider block or correct the reference."},
		"es": {"No hay configuración de proveedor `%[1]s`", "`provider = %[1]s` elige un bloque provider con ese alias y no hay ninguno declarado.", "Añade `alias` a un bloque provider o corrige la referencia."},
	},
	"unknown-name": {
		"en": {"Unknown name \"%[1]s\"", "A bare name is not a reference: variables are read as `var.NAME`, local values as `local.NAME`, resources as `TYPE.NAME`.", "Add the prefix that says what it is, or quote it if it is text."},
		"es": {"Nombre desconocido \"%[1]s\"", "Un nombre suelto no es una referencia: las variables se leen como `var.NOMBRE`, los valores locales como `local.NOMBRE` y los recursos como `TIPO.NOMBRE`.", "Añade el prefijo que indica qué es, o ponlo entre comillas si es texto."},
	},
	"misplaced-each": {
		"en": {"`each` used in a block without `for_each`", "`each.key` and `each.value` only exist while Terraform repeats a block over a map or set.", "Add `for_each` to this block, or use a plain value."},
		"es": {"`each` usado en un bloque sin `for_each`", "`each.key` y `each.value` solo existen mientras Terraform repite un bloque sobre un mapa o un conjunto.", "Añade `for_each` a este bloque o usa un valor normal."},
	},
	"misplaced-count": {
		"en": {"`count` used in a block without `count`", "`count.index` only exists while Terraform repeats a block a number of times.", "Add `count` to this block, or use a plain value."},
		"es": {"`count` usado en un bloque sin `count`", "`count.index` solo existe mientras Terraform repite un bloque varias veces.", "Añade `count` a este bloque o usa un valor normal."},
	},
	"misplaced-self": {
		"en": {"`self` used outside a provisioner, connection or postcondition", "`self` refers to the object being created, which only those blocks can see.", "Refer to the resource by its address, e.g. `aws_instance.web.id`."},
		"es": {"`self` usado fuera de un aprovisionador, una conexión o una postcondición", "`self` se refiere al objeto que se está creando, y solo esos bloques pueden verlo.", "Refiérete al recurso por su dirección, por ejemplo `aws_instance.web.id`."},
	},
	"unknown-special-attribute": {
		"en": {"`%[1]s` has no attribute \"%[2]s\"", "The attributes of `%[1]s` are %[3]s.", "Use one of them."},
		"es": {"`%[1]s` no tiene el atributo \"%[2]s\"", "Los atributos de `%[1]s` son %[3]s.", "Usa uno de ellos."},
	},
	"unknown-attribute": {
		"en": {"%[1]s has no attribute \"%[2]s\"", "This resource type does not export an attribute with that name.", "Check the name of the attribute you want to read."},
		"es": {"%[1]s no tiene el atributo \"%[2]s\"", "Este tipo de recurso no exporta ningún atributo con ese nombre.", "Revisa el nombre del atributo que quieres leer."},
	},
	"interpolation-only": {
		"en": {"Quotes and `${ }` around a single expression", "Wrapping one expression in a string is Terraform 0.11 style; it adds a conversion to string and `terraform fmt` removes it.", "Write the expression without quotes."},
		"es": {"Comillas y `${ }` alrededor de una sola expresión", "Envolver una sola expresión en una cadena es estilo de Terraform 0.11; añade una conversión a cadena y `terraform fmt` lo quita.", "Escribe la expresión sin comillas."},
	},
	"hint-interpolation-only": {
		"en": {Summary: "Write `%[1]s` without the quotes and `${ }`."},
		"es": {Summary: "Escribe `%[1]s` sin las comillas ni `${ }`."},
	},
	"provider-no-source": {
		"en": {"Provider \"%[1]s\" has no `source`", "Without a source address Terraform guesses the provider's origin, and readers cannot see which one is meant.", "Write `%[1]s = { source = \"hashicorp/%[1]s\", version = \"~> 5.0\" }`."},
		"es": {"El proveedor \"%[1]s\" no tiene `source`", "Sin dirección de origen Terraform adivina de dónde viene el proveedor, y quien lee no ve cuál se usa.", "Escribe `%[1]s = { source = \"hashicorp/%[1]s\", version = \"~> 5.0\" }`."},
	},
	"provider-no-version": {
		"en": {"Provider \"%[1]s\" has no version constraint", "`terraform init` would install whatever version is newest, and a new major version can break this module.", "Add `version = \"~> 5.0\"` (or the major version you tested with)."},
		"es": {"El proveedor \"%[1]s\" no tiene restricción de versión", "`terraform init` instalaría la versión más reciente, y una versión mayor nueva puede romper este módulo.", "Añade `version = \"~> 5.0\"` (o la versión mayor con la que lo probaste)."},
	},
	"provider-not-required": {
		"en": {"Provider \"%[1]s\" is not listed in `required_providers`", "The module uses this provider without saying where it comes from or which versions work.", "Add it to `terraform { required_providers { ... } }` with a source and a version."},
		"es": {"El proveedor \"%[1]s\" no aparece en `required_providers`", "El módulo usa este proveedor sin decir de dónde viene ni qué versiones funcionan.", "Añádelo a `terraform { required_providers { ... } }` con source y version."},
	},
	"hardcoded-region": {
		"en": {"Region \"%[1]s\" is written into the provider", "A fixed region means the same code cannot deploy to another region or environment without being edited.", "Declare `variable \"region\"` and write `region = var.region`."},
		"es": {"La región \"%[1]s\" está escrita en el proveedor", "Con una región fija, el mismo código no puede desplegar en otra región o entorno sin editarlo.", "Declara `variable \"region\"` y escribe `region = var.region`."},
	},
	"hint-use-region-var": {
		"en": {Summary: "You already declare a variable for it: write `region = %[1]s`."},
		"es": {Summary: "Ya tienes una variable para ello: escribe `region = %[1]s`."},
	},
	"hardcoded-account": {
		"en": {"Account IDs written into `%[1]s`", "Literal account IDs tie the module to one AWS account.", "Pass the account IDs in through a variable."},
		"es": {"IDs de cuenta escritos en `%[1]s`", "Los IDs de cuenta literales atan el módulo a una sola cuenta de AWS.", "Pásalos mediante una variable."},
	},
	"hardcoded-secret": {
		"en": {"Secret value written into \"%[1]s\"", "This value will be stored in Git history and in the state file in plain text.", "Read it from AWS Secrets Manager, or from a variable with `sensitive = true` set through `TF_VAR_...`."},
		"es": {"Valor secreto escrito en \"%[1]s\"", "Este valor quedará guardado en texto plano en el historial de Git y en el archivo de estado.", "Léelo de AWS Secrets Manager, o de una variable con `sensitive = true` cuyo valor llegue por `TF_VAR_...`."},
	},
	"hardcoded-secret-default": {
		"en": {"Variable \"%[1]s\" has a secret as its default", "A default is part of the code, so the secret ends up in Git history.", "Remove the default and pass the value at plan time, e.g. with `TF_VAR_%[1]s`."},
		"es": {"La variable \"%[1]s\" tiene un secreto como valor por defecto", "El valor por defecto forma parte del código, así que el secreto acaba en el historial de Git.", "Quita el valor por defecto y pasa el valor al planificar, por ejemplo con `TF_VAR_%[1]s`."},
	},
	"hardcoded-secret-env": {
		"en": {"Environment variable \"%[1]s\" holds a secret in plain text", "Container environment values are visible in the task definition, the console and the state file.", "Use a `secrets` entry with `valueFrom` pointing at Secrets Manager instead of `value`."},
		"es": {"La variable de entorno \"%[1]s\" guarda un secreto en texto plano", "Los valores de entorno del contenedor se ven en la definición de tarea, en la consola y en el archivo de estado.", "Usa una entrada `secrets` con `valueFrom` que apunte a Secrets Manager en lugar de `value`."},
	},
	"hardcoded-access-key": {
		"en": {"AWS access key written in the code", "A key pasted into a file can be used by anyone who reads the repository; AWS and GitHub scan for them.", "Delete it, deactivate the key in IAM, and let the provider read credentials from the environment or a role."},
		"es": {"Clave de acceso de AWS escrita en el código", "Cualquiera que lea el repositorio puede usar una clave pegada en un archivo; AWS y GitHub las buscan.", "Bórrala, desactiva la clave en IAM y deja que el proveedor lea las credenciales del entorno o de un rol."},
	},
	"sensitive-variable": {
		"en": {"Variable \"%[1]s\" looks secret but is not marked sensitive", "Its value would be printed in plan and apply output and in CI logs.", "Add `sensitive = true` to the variable."},
		"es": {"La variable \"%[1]s\" parece secreta pero no está marcada como sensible", "Su valor se mostraría en la salida de plan y apply y en los registros de CI.", "Añade `sensitive = true` a la variable."},
	},
	"invalid-type": {
		"en": {"`%[1]s` is not a type", "Variable types are written with `string`, `number`, `bool`, `list(...)`, `map(...)`, `set(...)`, `object({...})`, `tuple([...])` or `any`.", "Write one of those without quotes."},
		"es": {"`%[1]s` no es un tipo", "Los tipos de variable se escriben con `string`, `number`, `bool`, `list(...)`, `map(...)`, `set(...)`, `object({...})`, `tuple([...])` o `any`.", "Escribe uno de esos sin comillas."},
	},
	"quoted-type": {
		"en": {"Type %[1]s is written in quotes", "Quoted types come from Terraform 0.11 and are rejected by current versions.", "Remove the quotes: `type = string`."},
		"es": {"El tipo %[1]s está entre comillas", "Los tipos entre comillas vienen de Terraform 0.11 y las versiones actuales los rechazan.", "Quita las comillas: `type = string`."},
	},
	"default-type": {
		"en": {"Default of \"%[1]s\" is not a %[2]s", "The variable is declared with `type = %[2]s`, but its default is a %[3]s that cannot be converted.", "Change the default to a %[2]s or correct the type."},
		"es": {"El valor por defecto de \"%[1]s\" no es %[2]s", "La variable se declara con `type = %[2]s`, pero su valor por defecto es un %[3]s que no se puede convertir.", "Cambia el valor por defecto a %[2]s o corrige el tipo."},
	},
	"validation-self": {
		"en": {"Validation of \"%[1]s\" never checks `var.%[1]s`", "The condition does not depend on the variable, so it accepts every value or rejects every value.", "Write the condition in terms of `var.%[1]s`."},
		"es": {"La validación de \"%[1]s\" nunca comprueba `var.%[1]s`", "La condición no depende de la variable, así que acepta cualquier valor o los rechaza todos.", "Escribe la condición en función de `var.%[1]s`."},
	},
	"sensitive-output": {
		"en": {"Output \"%[1]s\" shows the sensitive value `%[2]s`", "Terraform refuses to print a sensitive value in an output that is not itself marked sensitive.", "Add `sensitive = true` to the output, or leave the secret out of it."},
		"es": {"La salida \"%[1]s\" muestra el valor sensible `%[2]s`", "Terraform se niega a mostrar un valor sensible en una salida que no está marcada como sensible.", "Añade `sensitive = true` a la salida o deja el secreto fuera de ella."},
	},
	"local-state": {
		"en": {"No backend: state stays on this machine", "The state file would live only where `terraform apply` runs, with no locking and no sharing with the team or CI.", "Add `backend \"s3\" { ... use_lockfile = true }` inside the `terraform` block."},
		"es": {"Sin backend: el estado se queda en esta máquina", "El archivo de estado solo existiría donde se ejecuta `terraform apply`, sin bloqueo y sin compartirlo con el equipo ni con la CI.", "Añade `backend \"s3\" { ... use_lockfile = true }` dentro del bloque `terraform`."},
	},
	"local-backend": {
		"en": {"The local backend keeps state on one machine", "A local state file has no locking and cannot be shared with the team or CI.", "Use a remote backend such as `backend \"s3\" { ... use_lockfile = true }`."},
		"es": {"El backend local guarda el estado en una sola máquina", "Un archivo de estado local no tiene bloqueo y no se puede compartir con el equipo ni con la CI.", "Usa un backend remoto como `backend \"s3\" { ... use_lockfile = true }`."},
	},
	"backend-locking": {
		"en": {"S3 backend without state locking", "Two applies at once could both write the state and lose track of resources.", "Add `use_lockfile = true` (or `dynamodb_table = \"...\"` before Terraform 1.10)."},
		"es": {"Backend S3 sin bloqueo del estado", "Dos apply a la vez podrían escribir ambos el estado y perder la pista de recursos.", "Añade `use_lockfile = true` (o `dynamodb_table = \"...\"` antes de Terraform 1.10)."},
	},
	"missing-tags": {
		"en": {"`%[1]s` has no tags", "Without tags this resource's cost cannot be attributed to a project or environment, and no `default_tags` are set on the aws provider.", "Add `default_tags { tags = { Project = \"...\", Environment = \"...\" } }` to the provider, or `tags = { ... }` here."},
		"es": {"`%[1]s` no tiene etiquetas", "Sin etiquetas el coste de este recurso no se puede atribuir a un proyecto o entorno, y el proveedor aws no define `default_tags`.", "Añade `default_tags { tags = { Project = \"...\", Environment = \"...\" } }` al proveedor, o `tags = { ... }` aquí."},
	},
	"fmt": {
		"en": {"`terraform fmt` would change this file, starting at line %[1]d", "Consistent formatting keeps reviews about content; `terraform fmt -check` in CI fails on this file.", "Run `terraform fmt` in this folder."},
		"es": {"`terraform fmt` cambiaría este archivo, a partir de la línea %[1]d", "Un formato uniforme hace que las revisiones traten del contenido; `terraform fmt -check` en la CI falla con este archivo.", "Ejecuta `terraform fmt` en esta carpeta."},
	},
	"hint-fmt": {
		"en": {Summary: "Run `terraform fmt`; this line should read: %[1]s"},
		"es": {Summary: "Ejecuta `terraform fmt`; esta línea debería quedar así: %[1]s"},
	},
	"ecs-no-container": {
		"en": {"No container named \"%[1]s\" in %[2]s", "The load balancer registers the container by name; ECS rejects a name the task definition does not have.", "Use the `name` of a container from the task definition."},
		"es": {"No hay ningún contenedor llamado \"%[1]s\" en %[2]s", "El balanceador registra el contenedor por su nombre; ECS rechaza un nombre que la definición de tarea no tiene.", "Usa el `name` de un contenedor de la definición de tarea."},
	},
	"hint-ecs-containers": {
		"en": {Summary: "Containers in the task definition: %[1]s."},
		"es": {Summary: "Contenedores de la definición de tarea: %[1]s."},
	},
	"ecs-port": {
		"en": {"Port %[1]d is not a containerPort of %[2]s", "The target group would send traffic to a port the container does not listen on, so health checks fail and the service never becomes healthy.", "Use the containerPort from the task definition's portMappings."},
		"es": {"El puerto %[1]d no es un containerPort de %[2]s", "El grupo de destino enviaría tráfico a un puerto en el que el contenedor no escucha, así que las comprobaciones de salud fallan y el servicio nunca queda sano.", "Usa el containerPort de los portMappings de la definición de tarea."},
	},
	"hint-ecs-ports": {
		"en": {Summary: "The task definition maps: %[1]s."},
		"es": {Summary: "La definición de tarea expone: %[1]s."},
	},
	"hint-ecs-no-ports": {
		"en": {Summary: "Add `portMappings = [{ containerPort = %[1]d }]` to the container."},
		"es": {Summary: "Añade `portMappings = [{ containerPort = %[1]d }]` al contenedor."},
	},
}

// text formats a message in lang, falling back to English.
func text(lang, key string, args ...any) texts {
	byLang, ok := messages[key]
	if !ok {
		return texts{Summary: key}
	}
	m, ok := byLang[lang]
	if !ok {
		m = byLang["en"]
	}
	return texts{Summary: format(m.Summary, args), Detail: format(m.Detail, args), Hint: format(m.Hint, args)}
}

func format(s string, args []any) string {
	if s == "" || !strings.Contains(s, "%") {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// syntaxSummaries translates the summaries hcl's parser uses most.
var syntaxSummaries = map[string]string{
	"Argument or block definition required":    "Se esperaba un argumento o un bloque",
	"Missing newline after argument":           "Falta un salto de línea después del argumento",
	"Unclosed configuration block":             "Bloque de configuración sin cerrar",
	"Invalid expression":                       "Expresión no válida",
	"Missing expression":                       "Falta una expresión",
	"Unterminated template string":             "Cadena sin terminar",
	"Invalid character":                        "Carácter no válido",
	"Invalid block definition":                 "Definición de bloque no válida",
	"Invalid argument name":                    "Nombre de argumento no válido",
	"Attribute redefined":                      "Argumento definido dos veces",
	"Unbalanced parentheses":                   "Paréntesis sin equilibrar",
	"Missing item separator":                   "Falta un separador entre elementos",
	"Missing attribute separator":              "Falta un separador entre atributos",
	"Missing key/value separator":              "Falta el `=` entre clave y valor",
	"Extra characters after expression":        "Caracteres de más después de la expresión",
	"Unclosed heredoc":                         "Heredoc sin cerrar",
	"Invalid multi-line string":                "Cadena de varias líneas no válida",
	"Invalid single-argument block definition": "Bloque de una línea no válido",
	"Unsupported operator":                     "Operador no admitido",
}

func syntaxSummary(lang, s string) string {
	if lang == "es" {
		if t, ok := syntaxSummaries[s]; ok {
			return t
		}
	}
	return strings.TrimSuffix(s, ".")
}
