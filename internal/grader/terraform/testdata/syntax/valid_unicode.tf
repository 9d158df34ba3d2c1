locals {
  saludo = "¡Hola, señor!"
  emoji  = "🚀"
}
