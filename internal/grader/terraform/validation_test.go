package terraform

import (
	"errors"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestValidationAllows(t *testing.T) {
	m, _ := Load(readFiles(map[string]string{"main.tf": `
locals {
  most = 10
}

variable "count_a" {
  type = number
  validation {
    condition     = var.count_a >= 1 && var.count_a <= 10
    error_message = "1 to 10."
  }
}

variable "count_b" {
  type = number
  validation {
    condition     = contains(range(1, 11), var.count_b)
    error_message = "1 to 10."
  }
}

variable "count_c" {
  type = number
  validation {
    condition     = var.count_c > 0
    error_message = "positive."
  }
  validation {
    condition     = var.count_c < 11
    error_message = "at most 10."
  }
}

variable "env" {
  type = string
  validation {
    condition     = contains(["dev", "prod"], var.env)
    error_message = "dev or prod."
  }
}

variable "free" {
  type = number
}

variable "remote" {
  validation {
    condition     = fileexists(var.remote)
    error_message = "a file."
  }
}
`}), Options{})
	tests := []struct {
		name string
		v    cty.Value
		want bool
		err  error
	}{
		{"count_a", cty.NumberIntVal(0), false, nil},
		{"count_a", cty.NumberIntVal(1), true, nil},
		{"count_a", cty.NumberIntVal(10), true, nil},
		{"count_a", cty.NumberIntVal(11), false, nil},
		{"count_a", cty.StringVal("5"), true, nil}, // converted to the declared number
		{"count_a", cty.StringVal("five"), false, nil},
		{"count_b", cty.NumberIntVal(10), true, nil},
		{"count_b", cty.NumberIntVal(11), false, nil},
		{"count_c", cty.NumberIntVal(0), false, nil},
		{"count_c", cty.NumberIntVal(10), true, nil},
		{"count_c", cty.NumberIntVal(11), false, nil},
		{"env", cty.StringVal("prod"), true, nil},
		{"env", cty.StringVal("pord"), false, nil},
		{"free", cty.NumberIntVal(-3), true, nil},
		{"remote", cty.StringVal("x"), false, ErrUndecided},
	}
	for _, tt := range tests {
		got, err := m.ValidationAllows(tt.name, tt.v)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ValidationAllows(%s, %#v) = %v, %v; want %v, %v", tt.name, tt.v, got, err, tt.want, tt.err)
		}
	}
	if _, err := m.ValidationAllows("nope", cty.NumberIntVal(1)); err == nil {
		t.Error("an undeclared variable gave no error")
	}
}
