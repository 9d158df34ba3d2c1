package terraform

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/iactutor/iactutor/internal/source"
)

// benchHeader declares the providers, backend and variables the generated
// resources refer to; it opens the first file.
const benchHeader = `terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  backend "s3" {
    bucket       = "bench-state"
    key          = "bench.tfstate"
    region       = "eu-west-1"
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project = "bench"
    }
  }
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "desired_count" {
  type    = number
  default = 2
}

resource "aws_ecs_cluster" "main" {
  name = "bench"
}

`

// benchApp is one application: a target group, a task definition, a
// service wired to both, and a bucket: four resources.
const benchApp = `resource "aws_lb_target_group" "app_%[1]d" {
  name        = "app-%[1]d"
  port        = 8000
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  health_check {
    path     = "/health"
    matcher  = "200"
    interval = 15
  }
}

resource "aws_ecs_task_definition" "app_%[1]d" {
  family                   = "app-%[1]d"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"

  container_definitions = jsonencode([{
    name         = "api"
    image        = "registry.example.com/app-%[1]d:1.0.%[1]d"
    essential    = true
    portMappings = [{ containerPort = 8000, protocol = "tcp" }]
    environment  = [{ name = "LOG_LEVEL", value = "info" }]
  }])
}

resource "aws_ecs_service" "app_%[1]d" {
  name            = "app-%[1]d"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app_%[1]d.arn
  desired_count   = var.desired_count
  launch_type     = "FARGATE"

  network_configuration {
    subnets = var.subnet_ids
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.app_%[1]d.arn
    container_name   = "api"
    container_port   = 8000
  }
}

resource "aws_s3_bucket" "app_%[1]d" {
  bucket = "bench-app-%[1]d-${var.region}"
}

`

// benchModule generates a module of nFiles files with appsPerFile
// applications each (four resources per application); the first file also
// holds the header, whose cluster is one more resource.
func benchModule(nFiles, appsPerFile int) []source.File {
	files := make([]source.File, 0, nFiles)
	app := 0
	for i := range nFiles {
		var b strings.Builder
		if i == 0 {
			b.WriteString(benchHeader)
		}
		for range appsPerFile {
			fmt.Fprintf(&b, benchApp, app)
			app++
		}
		files = append(files, source.File{Path: fmt.Sprintf("apps_%02d.tf", i), Data: []byte(strings.TrimSuffix(b.String(), "\n"))})
	}
	return files
}

// bench2000 is 50 files × 10 applications × 4 resources = 2,000 resources
// (plus the cluster).
func bench2000() []source.File { return benchModule(50, 10) }

func TestBenchModuleIsClean(t *testing.T) {
	files := bench2000()
	ds := Lint(files, Options{Production: true})
	for i, d := range ds {
		if i < 10 {
			t.Errorf("unexpected %s %s: %s", place(d), d.Rule, d.Summary)
		}
	}
	if len(ds) > 10 {
		t.Errorf("... %d diagnostics in all", len(ds))
	}
}

func BenchmarkLint2000(b *testing.B) {
	files := bench2000()
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		Lint(files, Options{})
	}
}

// BenchmarkHCLParse2000 is the floor under Lint: hcl's own parser on the same
// files, which Lint calls exactly once per file.
func BenchmarkHCLParse2000(b *testing.B) {
	files := bench2000()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			hclsyntax.ParseConfig(f.Data, f.Path, hcl.InitialPos)
		}
	}
}

// BenchmarkFormat2000 and BenchmarkHclwriteFormat2000 are what the
// formatting check costs per run for ASCII files, where Lint lays tokens out
// itself, and what hclwrite.Format, which it leaves other files to, would
// cost instead.
func BenchmarkFormat2000(b *testing.B) {
	files := bench2000()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			toks, ok := quickScan(f.Data)
			if !ok {
				b.Fatalf("%s: quickScan refused the file", f.Path)
			}
			canonical(f.Data, toks)
		}
	}
}

func BenchmarkHclwriteFormat2000(b *testing.B) {
	files := bench2000()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			hclwrite.Format(f.Data)
		}
	}
}

// BenchmarkLoad2000 and BenchmarkCheck2000 split Lint into its two phases.
func BenchmarkLoad2000(b *testing.B) {
	files := bench2000()
	b.ReportAllocs()
	for b.Loop() {
		Load(files, Options{})
	}
}

func BenchmarkCheck2000(b *testing.B) {
	m, _ := Load(bench2000(), Options{})
	b.ReportAllocs()
	for b.Loop() {
		Check(m, Options{})
	}
}
