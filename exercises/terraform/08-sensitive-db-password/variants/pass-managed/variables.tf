variable "region" {
  description = "AWS region that hosts the churn model API"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Deployment environment (dev or prod)"
  type        = string
  default     = "prod"
}

variable "db_instance_class" {
  description = "Size of the predictions database"
  type        = string
  default     = "db.t4g.small"
}

variable "db_username" {
  description = "Master user of the predictions database"
  type        = string
  default     = "churn_admin"
}

variable "db_subnet_group_name" {
  description = "Subnet group with the private database subnets"
  type        = string
}

variable "db_security_group_id" {
  description = "Security group that lets only the API tasks reach Postgres"
  type        = string
}
