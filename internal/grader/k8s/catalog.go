package k8s

import (
	"github.com/iactutor/iactutor/internal/diag"
	"github.com/iactutor/iactutor/internal/rules"
)

// Rule IDs emitted by this package.
const (
	ruleYAMLSyntax            = "k8s/yaml-syntax"
	ruleYAMLAliases           = "k8s/yaml-aliases"
	ruleDuplicateKey          = "k8s/duplicate-key"
	ruleNotObject             = "k8s/not-object"
	ruleNotKubernetes         = "k8s/not-kubernetes"
	ruleUnknownField          = "k8s/unknown-field"
	ruleWrongType             = "k8s/wrong-type"
	ruleMissingField          = "k8s/missing-field"
	ruleContainerMissingImage = "k8s/container-missing-image"
	ruleRemovedAPI            = "k8s/removed-api"
	ruleKindNotInAPI          = "k8s/kind-not-in-api"
	ruleUnknownKind           = "k8s/unknown-kind"
	ruleInvalidName           = "k8s/invalid-name"
	ruleInvalidLabel          = "k8s/invalid-label"
	ruleSelectorMismatch      = "k8s/selector-mismatch"
	ruleDuplicatePort         = "k8s/duplicate-port"
	ruleQuantityInvalid       = "k8s/quantity-invalid"
	ruleQuantityUnit          = "k8s/quantity-unit"
	ruleLimitBelowRequest     = "k8s/limit-below-request"
	ruleMissingResources      = "k8s/missing-resources"
	ruleProbePortMismatch     = "k8s/probe-port-mismatch"
	ruleImageLatest           = "k8s/image-latest"
	ruleImageRegistry         = "k8s/image-registry"
	ruleHPAMinMax             = "k8s/hpa-min-max"
	ruleHPATargetMissing      = "k8s/hpa-target-missing"
	ruleHPACPURequest         = "k8s/hpa-cpu-request"
	ruleIngressPathType       = "k8s/ingress-path-type"
	ruleIngressBackend        = "k8s/ingress-backend"
	ruleConfigMapNonString    = "k8s/configmap-non-string"
	ruleConfigMapCredentials  = "k8s/configmap-credentials"
	ruleSecretBase64          = "k8s/secret-base64"
	ruleServiceSelector       = "k8s/service-selector-no-match"
	ruleTargetPortMismatch    = "k8s/target-port-mismatch"
	ruleRefMissing            = "k8s/ref-missing"
	ruleNamespaceMismatch     = "k8s/namespace-mismatch"
	ruleVolumeMountMissing    = "k8s/volume-mount-missing"
)

// Lesson slugs the rules point to.
const (
	lessonObjects   = "k8s-objects"
	lessonResources = "k8s-resources-probes"
	lessonHPA       = "k8s-hpa"
	lessonConfig    = "k8s-config-secrets"
	lessonIngress   = "k8s-ingress"
	lessonOperate   = "k8s-operate"
)

func rule(id string, sev diag.Severity, lesson string, en, es rules.Text) rules.Rule {
	return rules.Rule{ID: id, Severity: sev, Lesson: lesson, Text: map[string]rules.Text{"en": en, "es": es}}
}

const (
	errS  = diag.SeverityError
	warnS = diag.SeverityWarning
	infoS = diag.SeverityInfo
)

// catalog is every rule this package can emit; Rules returns a copy.
var catalog = []rules.Rule{
	rule(ruleYAMLSyntax, errS, lessonOperate,
		rules.Text{Title: "YAML syntax error", Why: "kubectl cannot read a file that is not valid YAML, so nothing in it is applied, not even the documents that are fine.", Fix: "Indent with spaces only, keep keys of one mapping in the same column, put a space after each colon and close every quote."},
		rules.Text{Title: "Error de sintaxis YAML", Why: "kubectl no puede leer un archivo que no es YAML válido, así que no aplica nada de él, ni siquiera los documentos correctos.", Fix: "Sangra solo con espacios, alinea en la misma columna las claves de un mismo mapa, deja un espacio tras cada dos puntos y cierra todas las comillas."}),
	rule(ruleYAMLAliases, errS, lessonOperate,
		rules.Text{Title: "YAML aliases expand too far", Why: "Anchors and aliases that refer to each other can turn a few lines into gigabytes of data; API servers and tools refuse such documents to protect themselves.", Fix: "Write repeated blocks out, or keep anchors for small blocks reused a few times."},
		rules.Text{Title: "Los alias YAML se expanden demasiado", Why: "Anclas y alias que se referencian entre sí pueden convertir unas pocas líneas en gigabytes de datos; los servidores de la API y las herramientas rechazan esos documentos para protegerse.", Fix: "Escribe completos los bloques repetidos, o reserva las anclas para bloques pequeños reutilizados pocas veces."}),
	rule(ruleDuplicateKey, errS, lessonOperate,
		rules.Text{Title: "Key defined twice", Why: "With the same key twice in one mapping, one of the values is silently lost on some tools and the API server rejects the object in strict mode; either way, what runs is not what you read.", Fix: "Keep a single copy of the key, with the value you want."},
		rules.Text{Title: "Clave definida dos veces", Why: "Con la misma clave dos veces en un mapa, algunas herramientas pierden uno de los valores sin avisar y el servidor de la API rechaza el objeto en modo estricto; en ambos casos, lo que se ejecuta no es lo que lees.", Fix: "Deja una sola copia de la clave, con el valor que quieres."}),
	rule(ruleNotObject, errS, lessonOperate,
		rules.Text{Title: "Document is not an object", Why: "Each YAML document in a manifest must be one Kubernetes object: a mapping with apiVersion, kind, metadata and usually spec.", Fix: "Make the document a mapping; remove a stray `- ` or indentation in front of the top-level keys."},
		rules.Text{Title: "El documento no es un objeto", Why: "Cada documento YAML de un manifiesto debe ser un objeto de Kubernetes: un mapa con apiVersion, kind, metadata y normalmente spec.", Fix: "Convierte el documento en un mapa; quita un `- ` o una sangría sobrantes delante de las claves de primer nivel."}),
	rule(ruleNotKubernetes, infoS, lessonObjects,
		rules.Text{Title: "Not a Kubernetes manifest", Why: "Folders that hold manifests often hold other YAML too: Docker Compose files, CI workflows, Helm's Chart.yaml and values. A document with none of the fields every Kubernetes object has is noted and skipped by `lint`, instead of being reported as a broken manifest. In an exercise every file is meant to be a manifest, so there it is an error.", Fix: "Nothing to fix for another tool's file. If the document is meant to be a Kubernetes object, add `apiVersion`, `kind` and `metadata.name`."},
		rules.Text{Title: "No es un manifiesto de Kubernetes", Why: "Las carpetas con manifiestos suelen tener también otros YAML: archivos de Docker Compose, flujos de CI, el Chart.yaml y los valores de Helm. `lint` anota y omite un documento sin ninguno de los campos que tiene todo objeto de Kubernetes, en lugar de tratarlo como un manifiesto roto. En un ejercicio todos los archivos deben ser manifiestos, así que allí es un error.", Fix: "No hay nada que corregir en el archivo de otra herramienta. Si el documento debe ser un objeto de Kubernetes, añade `apiVersion`, `kind` y `metadata.name`."}),
	rule(ruleUnknownField, errS, lessonOperate,
		rules.Text{Title: "Unknown field", Why: "A misspelled or misplaced field is rejected by `kubectl apply` in strict mode, or silently dropped by older clients, so the setting you wrote never takes effect.", Fix: "Fix the spelling (field names are case-sensitive) or move the field to the level where it belongs."},
		rules.Text{Title: "Campo desconocido", Why: "Un campo mal escrito o mal colocado hace que `kubectl apply` lo rechace en modo estricto, o que clientes antiguos lo descarten sin avisar, así que el ajuste nunca se aplica.", Fix: "Corrige la ortografía (los nombres distinguen mayúsculas) o mueve el campo al nivel donde corresponde."}),
	rule(ruleWrongType, errS, lessonOperate,
		rules.Text{Title: "Value of the wrong type", Why: "YAML guesses types from how a value is written: 8000 is a number, true is a boolean, \"8000\" is text. The API server expects a precise type for each field and rejects the object otherwise.", Fix: "Quote values that must be text, unquote numbers and booleans, and use a list or a mapping where the field expects one."},
		rules.Text{Title: "Valor de tipo incorrecto", Why: "YAML deduce el tipo por cómo se escribe el valor: 8000 es un número, true es un booleano, \"8000\" es texto. El servidor de la API espera un tipo concreto en cada campo y, si no, rechaza el objeto.", Fix: "Pon entre comillas los valores que deben ser texto, quita las comillas a números y booleanos, y usa lista o mapa donde el campo lo pida."}),
	rule(ruleMissingField, errS, lessonObjects,
		rules.Text{Title: "Required field missing", Why: "The API server refuses an object without its required fields (apiVersion, kind, metadata.name, a selector, the containers…), so `kubectl apply` fails before anything is created.", Fix: "Add the field at the place the message names."},
		rules.Text{Title: "Falta un campo obligatorio", Why: "El servidor de la API rechaza un objeto sin sus campos obligatorios (apiVersion, kind, metadata.name, un selector, los contenedores…), así que `kubectl apply` falla antes de crear nada.", Fix: "Añade el campo en el lugar que indica el mensaje."}),
	rule(ruleContainerMissingImage, errS, lessonResources,
		rules.Text{Title: "Container without an image", Why: "A container is an image plus settings; without `image` there is nothing to run and the object is rejected.", Fix: "Add `image:` with a registry, repository and version tag, e.g. `ghcr.io/acme/churn-api:1.4.2`."},
		rules.Text{Title: "Contenedor sin imagen", Why: "Un contenedor es una imagen más su configuración; sin `image` no hay nada que ejecutar y el objeto se rechaza.", Fix: "Añade `image:` con registro, repositorio y etiqueta de versión, p. ej. `ghcr.io/acme/churn-api:1.4.2`."}),
	rule(ruleRemovedAPI, errS, lessonOperate,
		rules.Text{Title: "API version removed", Why: "Kubernetes retires beta API versions; a cluster newer than the removal answers `no matches for kind`, which is why old tutorials' manifests stop working after an upgrade.", Fix: "Switch to the stable apiVersion named in the message and adapt the fields that changed (for Ingress, the backend became service.name and service.port)."},
		rules.Text{Title: "Versión de API eliminada", Why: "Kubernetes retira las versiones beta de sus APIs; un clúster posterior a la retirada responde `no matches for kind`, y por eso los manifiestos de tutoriales antiguos dejan de funcionar tras una actualización.", Fix: "Cambia a la apiVersion estable que indica el mensaje y adapta los campos que cambiaron (en Ingress, el backend pasó a service.name y service.port)."}),
	rule(ruleKindNotInAPI, errS, lessonOperate,
		rules.Text{Title: "Kind not in this API version", Why: "Each kind lives in one API group: Deployments in apps/v1, Ingress in networking.k8s.io/v1, HPAs in autoscaling/v2. Any other pairing, or a misspelled kind, is rejected.", Fix: "Use the apiVersion the message names, and write the kind with its exact capitals."},
		rules.Text{Title: "Kind que no existe en esta versión de API", Why: "Cada kind pertenece a un grupo de API: los Deployments a apps/v1, Ingress a networking.k8s.io/v1, los HPA a autoscaling/v2. Cualquier otra combinación, o un kind mal escrito, se rechaza.", Fix: "Usa la apiVersion que indica el mensaje y escribe el kind con sus mayúsculas exactas."}),
	rule(ruleUnknownKind, infoS, lessonOperate,
		rules.Text{Title: "Custom resource not checked", Why: "Kinds from other API groups come from CustomResourceDefinitions (cert-manager, Prometheus Operator, Argo CD…). Their schema lives in the cluster, so only the YAML itself is checked here.", Fix: "Nothing to fix if the CRD is installed in the cluster; validate it there with `kubectl apply --dry-run=server`."},
		rules.Text{Title: "Recurso personalizado sin revisar", Why: "Los kinds de otros grupos de API vienen de CustomResourceDefinitions (cert-manager, Prometheus Operator, Argo CD…). Su esquema vive en el clúster, así que aquí solo se revisa el YAML.", Fix: "No hay nada que corregir si la CRD está instalada en el clúster; valídalo allí con `kubectl apply --dry-run=server`."}),
	rule(ruleInvalidName, errS, lessonObjects,
		rules.Text{Title: "Invalid object name", Why: "Names become DNS names and URL parts, so most must be lowercase letters, digits and '-', start and end with a letter or digit, and stay short; the API server refuses anything else.", Fix: "Use lowercase and dashes, e.g. `churn-api` instead of `Churn_API`."},
		rules.Text{Title: "Nombre de objeto no válido", Why: "Los nombres acaban en nombres DNS y en URLs, así que casi todos deben usar minúsculas, dígitos y '-', empezar y terminar por letra o dígito y ser cortos; el servidor de la API rechaza lo demás.", Fix: "Usa minúsculas y guiones, p. ej. `churn-api` en lugar de `Churn_API`."}),
	rule(ruleInvalidLabel, errS, lessonObjects,
		rules.Text{Title: "Invalid label", Why: "Label keys and values are matched by selectors; the API server accepts only short values of letters, digits, '-', '_' and '.', with an optional DNS prefix on keys.", Fix: "Shorten the key or value and remove spaces, slashes and other symbols."},
		rules.Text{Title: "Etiqueta no válida", Why: "Las claves y valores de las etiquetas los comparan los selectores; el servidor de la API solo acepta valores cortos con letras, dígitos, '-', '_' y '.', y un prefijo DNS opcional en las claves.", Fix: "Acorta la clave o el valor y quita espacios, barras y otros símbolos."}),
	rule(ruleSelectorMismatch, errS, lessonObjects,
		rules.Text{Title: "Selector does not match the pod template", Why: "A workload owns the pods its selector matches. If the template's labels do not satisfy the selector, the API server rejects the object, because the controller could never find the pods it creates.", Fix: "Copy the selector's matchLabels into spec.template.metadata.labels (the template may have extra labels)."},
		rules.Text{Title: "El selector no coincide con la plantilla del pod", Why: "Una carga de trabajo gestiona los pods que su selector encuentra. Si las etiquetas de la plantilla no cumplen el selector, el servidor de la API rechaza el objeto, porque el controlador nunca encontraría los pods que crea.", Fix: "Copia las matchLabels del selector en spec.template.metadata.labels (la plantilla puede tener etiquetas de más)."}),
	rule(ruleDuplicatePort, warnS, lessonObjects,
		rules.Text{Title: "Port declared twice", Why: "Two entries for the same container port (or two ports with the same name) make Services and probes ambiguous; duplicate port names are rejected outright.", Fix: "Keep one entry per port and give each a unique name."},
		rules.Text{Title: "Puerto declarado dos veces", Why: "Dos entradas para el mismo puerto de contenedor (o dos puertos con el mismo nombre) vuelven ambiguos los Services y las sondas; los nombres de puerto repetidos se rechazan directamente.", Fix: "Deja una entrada por puerto y dale a cada una un nombre distinto."}),
	rule(ruleQuantityInvalid, errS, lessonResources,
		rules.Text{Title: "Invalid quantity", Why: "CPU and memory use Kubernetes quantities: a number with an optional suffix such as m (thousandths), Mi or Gi (powers of 1024) or M and G (powers of 1000). Anything else, like 512MB, is rejected.", Fix: "Write CPU as cores or millicores (0.5 or 500m) and memory with Mi or Gi (512Mi, 2Gi)."},
		rules.Text{Title: "Cantidad no válida", Why: "CPU y memoria usan cantidades de Kubernetes: un número con un sufijo opcional como m (milésimas), Mi o Gi (potencias de 1024) o M y G (potencias de 1000). Lo demás, como 512MB, se rechaza.", Fix: "Escribe la CPU en núcleos o milinúcleos (0.5 o 500m) y la memoria con Mi o Gi (512Mi, 2Gi)."}),
	rule(ruleQuantityUnit, errS, lessonResources,
		rules.Text{Title: "Quantity with a surely wrong unit", Why: "A bare number is read in base units: memory 512 is 512 bytes (the container is OOMKilled at once) and cpu 500 is 500 whole cores (the pod never fits on a node and stays Pending).", Fix: "Add the unit you meant: 512Mi for memory, 500m for half a core."},
		rules.Text{Title: "Cantidad con una unidad casi seguro equivocada", Why: "Un número sin unidad se lee en unidades base: memory 512 son 512 bytes (el contenedor acaba OOMKilled al instante) y cpu 500 son 500 núcleos enteros (el pod no cabe en ningún nodo y se queda en Pending).", Fix: "Añade la unidad que querías: 512Mi para memoria, 500m para medio núcleo."}),
	rule(ruleLimitBelowRequest, errS, lessonResources,
		rules.Text{Title: "Limit below request", Why: "The request is what the scheduler reserves and the limit is the ceiling; a ceiling under the reservation is contradictory and the API server rejects it.", Fix: "Raise the limit to at least the request, or lower the request."},
		rules.Text{Title: "Límite por debajo de la petición", Why: "La petición (request) es lo que reserva el planificador y el límite es el techo; un techo por debajo de la reserva es contradictorio y el servidor de la API lo rechaza.", Fix: "Sube el límite hasta al menos la petición, o baja la petición."}),
	rule(ruleVolumeMountMissing, errS, lessonObjects,
		rules.Text{Title: "Volume mount names no volume", Why: "A container mounts volumes by the name given in the pod's volumes list; a name that is not there is rejected by the API server, so the Deployment never creates its pods and the model files are never mounted.", Fix: "Use the exact name of a volume declared under spec.volumes, or declare the volume the mount expects."},
		rules.Text{Title: "El montaje nombra un volumen que no existe", Why: "Un contenedor monta volúmenes por el nombre que tienen en la lista volumes del pod; si el nombre no está ahí, el servidor de la API lo rechaza, el Deployment nunca crea sus pods y los archivos del modelo no se montan.", Fix: "Usa el nombre exacto de un volumen declarado en spec.volumes, o declara el volumen que espera el montaje."}),
	rule(ruleMissingResources, warnS, lessonResources,
		rules.Text{Title: "No resource requests or limits", Why: "Without requests the scheduler packs pods blindly and the HPA cannot compute utilization; without a memory limit one leaking model server can starve its neighbours until nodes evict pods.", Fix: "Set resources.requests (cpu, memory) from observed usage and a memory limit a bit above it."},
		rules.Text{Title: "Sin peticiones ni límites de recursos", Why: "Sin peticiones el planificador coloca los pods a ciegas y el HPA no puede calcular la utilización; sin límite de memoria, un servidor de modelos con fugas puede dejar sin recursos a sus vecinos hasta que el nodo desaloje pods.", Fix: "Define resources.requests (cpu, memory) a partir del consumo observado y un límite de memoria algo por encima."}),
	rule(ruleProbePortMismatch, errS, lessonResources,
		rules.Text{Title: "Probe port matches no container port", Why: "A probe aimed at a port the application does not listen on always fails: readiness keeps the pod out of the Service and liveness restarts it again and again (CrashLoopBackOff).", Fix: "Point the probe at a declared containerPort, by number or by its name."},
		rules.Text{Title: "El puerto de la sonda no coincide con ningún puerto del contenedor", Why: "Una sonda dirigida a un puerto en el que la aplicación no escucha falla siempre: la de readiness deja el pod fuera del Service y la de liveness lo reinicia una y otra vez (CrashLoopBackOff).", Fix: "Apunta la sonda a un containerPort declarado, por número o por su nombre."}),
	rule(ruleImageLatest, warnS, lessonResources,
		rules.Text{Title: "Image without a fixed tag", Why: "`:latest` (or no tag, which means latest) changes under you: two nodes can run different code, a rollback restores nothing, and you cannot tell which model version served a request.", Fix: "Pin a version tag such as `:1.4.2` (or a digest) and bump it on every release."},
		rules.Text{Title: "Imagen sin etiqueta fija", Why: "`:latest` (o no poner etiqueta, que equivale a latest) cambia sin avisar: dos nodos pueden ejecutar código distinto, un rollback no restaura nada y no sabrás qué versión del modelo atendió una petición.", Fix: "Fija una etiqueta de versión como `:1.4.2` (o un digest) y cámbiala en cada versión."}),
	rule(ruleImageRegistry, warnS, lessonResources,
		rules.Text{Title: "Image without a registry", Why: "A name like `churn-api` works in minikube or kind when you built the image locally, but a cloud cluster looks for it on Docker Hub, fails to pull it and the pod sits in ImagePullBackOff.", Fix: "Push the image to a registry the cluster can read (ECR, GCR/Artifact Registry, GHCR…) and use the full name, e.g. `ghcr.io/acme/churn-api:1.4.2`."},
		rules.Text{Title: "Imagen sin registro", Why: "Un nombre como `churn-api` funciona en minikube o kind si construiste la imagen en local, pero un clúster en la nube la busca en Docker Hub, no consigue descargarla y el pod se queda en ImagePullBackOff.", Fix: "Sube la imagen a un registro que el clúster pueda leer (ECR, GCR/Artifact Registry, GHCR…) y usa el nombre completo, p. ej. `ghcr.io/acme/churn-api:1.4.2`."}),
	rule(ruleHPAMinMax, errS, lessonHPA,
		rules.Text{Title: "HPA minimum above maximum", Why: "The autoscaler keeps replicas between minReplicas and maxReplicas; with the minimum above the maximum there is no valid count and the object is rejected.", Fix: "Make minReplicas at most maxReplicas, e.g. 2 and 10."},
		rules.Text{Title: "Mínimo del HPA por encima del máximo", Why: "El autoescalador mantiene las réplicas entre minReplicas y maxReplicas; con el mínimo por encima del máximo no hay ningún número válido y el objeto se rechaza.", Fix: "Haz que minReplicas sea como mucho maxReplicas, p. ej. 2 y 10."}),
	rule(ruleHPATargetMissing, warnS, lessonHPA,
		rules.Text{Title: "HPA target not found", Why: "An HPA whose scaleTargetRef names no existing workload does nothing at all; `kubectl describe hpa` shows it failing to get the scale subresource.", Fix: "Make scaleTargetRef's kind and name equal the Deployment (or StatefulSet) you want to scale, in the same namespace."},
		rules.Text{Title: "No se encuentra el objetivo del HPA", Why: "Un HPA cuyo scaleTargetRef no nombra ninguna carga de trabajo existente no hace nada; `kubectl describe hpa` muestra que no consigue leer su escala.", Fix: "Haz que el kind y el name de scaleTargetRef coincidan con el Deployment (o StatefulSet) que quieres escalar, en el mismo namespace."}),
	rule(ruleHPACPURequest, errS, lessonHPA,
		rules.Text{Title: "CPU utilization target without CPU requests", Why: "Utilization is usage divided by the CPU request. If a container of the target has no CPU request, the HPA cannot compute it and never scales (\"missing request for cpu\").", Fix: "Add resources.requests.cpu to every container of the target workload."},
		rules.Text{Title: "Objetivo de utilización de CPU sin peticiones de CPU", Why: "La utilización es el consumo dividido entre la petición de CPU. Si un contenedor del objetivo no pide CPU, el HPA no puede calcularla y nunca escala (\"missing request for cpu\").", Fix: "Añade resources.requests.cpu a todos los contenedores de la carga de trabajo objetivo."}),
	rule(ruleIngressPathType, errS, lessonIngress,
		rules.Text{Title: "Ingress path without pathType", Why: "In networking.k8s.io/v1 every path needs a pathType (Prefix, Exact or ImplementationSpecific); without it the Ingress is rejected.", Fix: "Add `pathType: Prefix` to route the path and everything below it."},
		rules.Text{Title: "Ruta de Ingress sin pathType", Why: "En networking.k8s.io/v1 cada ruta necesita un pathType (Prefix, Exact o ImplementationSpecific); sin él, el Ingress se rechaza.", Fix: "Añade `pathType: Prefix` para enrutar la ruta y todo lo que cuelga de ella."}),
	rule(ruleIngressBackend, errS, lessonIngress,
		rules.Text{Title: "Ingress backend not found", Why: "The Ingress controller forwards requests to the Service and port named in the backend; if either does not exist, clients get 503 errors.", Fix: "Use the exact name of a Service in the same namespace and one of its ports, by number or name."},
		rules.Text{Title: "No se encuentra el backend del Ingress", Why: "El controlador de Ingress reenvía las peticiones al Service y al puerto que nombra el backend; si alguno no existe, los clientes reciben errores 503.", Fix: "Usa el nombre exacto de un Service del mismo namespace y uno de sus puertos, por número o por nombre."}),
	rule(ruleConfigMapNonString, errS, lessonConfig,
		rules.Text{Title: "ConfigMap value is not a string", Why: "ConfigMap data holds only strings, but YAML reads `8000` as a number and `true` as a boolean, so the API server rejects the ConfigMap.", Fix: "Quote the value: `PORT: \"8000\"`, `DEBUG: \"true\"`."},
		rules.Text{Title: "Valor de ConfigMap que no es texto", Why: "Los datos de un ConfigMap solo admiten textos, pero YAML lee `8000` como número y `true` como booleano, así que el servidor de la API rechaza el ConfigMap.", Fix: "Pon el valor entre comillas: `PORT: \"8000\"`, `DEBUG: \"true\"`."}),
	rule(ruleConfigMapCredentials, warnS, lessonConfig,
		rules.Text{Title: "Credential in a ConfigMap", Why: "ConfigMaps are not secret: anyone who can read the namespace's configuration sees them, and they end up in Git. Passwords, tokens and keys belong in a Secret fed from a secret manager.", Fix: "Move the value to a Secret (from Vault, AWS Secrets Manager or External Secrets) and read it with secretKeyRef or envFrom.secretRef."},
		rules.Text{Title: "Credencial en un ConfigMap", Why: "Los ConfigMaps no son secretos: los ve cualquiera que pueda leer la configuración del namespace y acaban en Git. Contraseñas, tokens y claves van en un Secret alimentado desde un gestor de secretos.", Fix: "Mueve el valor a un Secret (desde Vault, AWS Secrets Manager o External Secrets) y léelo con secretKeyRef o envFrom.secretRef."}),
	rule(ruleSecretBase64, errS, lessonConfig,
		rules.Text{Title: "Secret data is not base64", Why: "Values under a Secret's `data` must be base64-encoded; plain text there is rejected. Base64 is only an encoding, not encryption.", Fix: "Encode with `echo -n 'value' | base64`, or put the plain value under `stringData` and let the API server encode it."},
		rules.Text{Title: "Datos de Secret que no están en base64", Why: "Los valores bajo `data` de un Secret deben ir codificados en base64; el texto en claro ahí se rechaza. Base64 es solo una codificación, no un cifrado.", Fix: "Codifica con `echo -n 'valor' | base64`, o pon el valor en claro bajo `stringData` y deja que el servidor de la API lo codifique."}),
	rule(ruleServiceSelector, warnS, lessonObjects,
		rules.Text{Title: "Service selector matches no pod", Why: "A Service sends traffic to the pods whose labels match its selector. If none match, it has no endpoints and every request fails although everything looks deployed.", Fix: "Make the selector equal the labels of the pod template (spec.template.metadata.labels) of the workload to expose."},
		rules.Text{Title: "El selector del Service no encuentra ningún pod", Why: "Un Service envía tráfico a los pods cuyas etiquetas cumplen su selector. Si ninguno las cumple, no tiene endpoints y todas las peticiones fallan aunque todo parezca desplegado.", Fix: "Haz que el selector coincida con las etiquetas de la plantilla del pod (spec.template.metadata.labels) de la carga que quieres exponer."}),
	rule(ruleTargetPortMismatch, errS, lessonObjects,
		rules.Text{Title: "Service targetPort matches no container port", Why: "The Service forwards to targetPort on the pods; if no container listens there, connections are refused even though the Service has endpoints.", Fix: "Set targetPort to the containerPort of the application (8000 for the model API), or to that port's name."},
		rules.Text{Title: "El targetPort del Service no coincide con ningún puerto del contenedor", Why: "El Service reenvía al targetPort de los pods; si ningún contenedor escucha ahí, las conexiones se rechazan aunque el Service tenga endpoints.", Fix: "Pon en targetPort el containerPort de la aplicación (8000 para la API del modelo) o el nombre de ese puerto."}),
	rule(ruleRefMissing, warnS, lessonConfig,
		rules.Text{Title: "Reference to a missing ConfigMap, Secret or key", Why: "A pod that reads a ConfigMap, Secret or key that does not exist never starts: it stays in CreateContainerConfigError (or ContainerCreating for volumes).", Fix: "Create the object with that exact name and key in the same namespace, fix the spelling, or mark the reference `optional: true` if the app copes without it."},
		rules.Text{Title: "Referencia a un ConfigMap, Secret o clave que no existe", Why: "Un pod que lee un ConfigMap, Secret o clave inexistente no llega a arrancar: se queda en CreateContainerConfigError (o ContainerCreating si es un volumen).", Fix: "Crea el objeto con ese nombre y esa clave exactos en el mismo namespace, corrige la ortografía o marca la referencia con `optional: true` si la aplicación funciona sin ella."}),
	rule(ruleNamespaceMismatch, errS, lessonObjects,
		rules.Text{Title: "Related objects in different namespaces", Why: "Services select pods, pods read ConfigMaps and Secrets, Ingresses and HPAs point at objects only within their own namespace; across namespaces the reference finds nothing.", Fix: "Put related objects in the same namespace (a missing namespace means `default`)."},
		rules.Text{Title: "Objetos relacionados en namespaces distintos", Why: "Los Services seleccionan pods, los pods leen ConfigMaps y Secrets, y los Ingress y HPA apuntan a objetos solo dentro de su propio namespace; entre namespaces la referencia no encuentra nada.", Fix: "Pon los objetos relacionados en el mismo namespace (si no se indica, es `default`)."}),
}

// ruleIndex finds a rule by ID; built once, never modified.
var ruleIndex = func() map[string]rules.Rule {
	m := make(map[string]rules.Rule, len(catalog))
	for _, r := range catalog {
		m[r.ID] = r
	}
	return m
}()

// Rules returns every rule this package can emit, for `iactutor explain`
// and `iactutor rules`.
func Rules() []rules.Rule {
	out := make([]rules.Rule, len(catalog))
	for i, r := range catalog {
		texts := make(map[string]rules.Text, len(r.Text))
		for k, v := range r.Text {
			texts[k] = v
		}
		r.Text = texts
		out[i] = r
	}
	return out
}
