namespace Samenreken.Governance.Definition;

/// <summary>
/// The JSON Schema (draft 2020-12) every project definition must satisfy. Published verbatim as
/// projects/schema/project-definition.schema.json; a test keeps the two equal. Kept as a constant so the library
/// reads no files or resource streams.
/// </summary>
public static class ProjectDefinitionSchema
{
    /// <summary>The schema text.</summary>
    public const string Json = """"
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://samenreken.example/schema/project-definition/1",
  "title": "Samenreken project definition, schema version 1",
  "description": "Every run needs a valid definition. Both nodes compare its canonical SHA-256 before a run.",
  "type": "object",
  "additionalProperties": false,
  "required": ["schema_version", "id", "version", "title", "fictitious", "controller", "purpose", "legal_basis", "parties",
    "necessity_and_proportionality", "equal_treatment", "fairness_monitor", "retention", "horizon", "crypto", "contact"],
  "properties": {
    "schema_version": { "const": 1 },
    "id": { "$ref": "#/$defs/identifier" },
    "version": { "type": "integer", "minimum": 1 },
    "title": { "$ref": "#/$defs/text" },
    "fictitious": { "type": "boolean" },
    "controller": { "$ref": "#/$defs/identifier" },
    "purpose": { "$ref": "#/$defs/text" },
    "plain_language": {
      "description": "Short sentences for citizens (B1): why the project exists and what it does. Used by the transparency page.",
      "type": "object", "additionalProperties": false, "required": ["why", "what"],
      "properties": { "why": { "$ref": "#/$defs/text" }, "what": { "$ref": "#/$defs/text" } }
    },
    "legal_basis": {
      "type": "array", "minItems": 1,
      "items": {
        "type": "object", "additionalProperties": false, "required": ["reference", "text"],
        "properties": { "reference": { "$ref": "#/$defs/text" }, "text": { "$ref": "#/$defs/text" } }
      }
    },
    "parties": {
      "type": "array", "minItems": 2,
      "items": {
        "type": "object", "additionalProperties": false,
        "required": ["id", "name", "roles", "role_description", "contributes", "learns"],
        "properties": {
          "id": { "$ref": "#/$defs/identifier" },
          "name": { "$ref": "#/$defs/text" },
          "roles": {
            "type": "array", "minItems": 1, "uniqueItems": true,
            "items": { "enum": ["controller", "requester", "evaluator", "data_supplier", "key_holder", "processor"] }
          },
          "role_description": { "$ref": "#/$defs/text" },
          "contributes": {
            "type": "array",
            "items": {
              "type": "object", "additionalProperties": false, "required": ["field", "description", "category", "shared_with"],
              "properties": {
                "field": { "$ref": "#/$defs/identifier" },
                "description": { "$ref": "#/$defs/text" },
                "category": { "$ref": "#/$defs/identifier" },
                "shared_with": { "type": "array", "uniqueItems": true, "items": { "$ref": "#/$defs/identifier" } },
                "form": { "enum": ["plaintext", "encrypted"], "default": "plaintext" }
              }
            }
          },
          "learns": {
            "type": "array",
            "items": {
              "type": "object", "additionalProperties": false, "required": ["item", "description"],
              "properties": { "item": { "$ref": "#/$defs/identifier" }, "description": { "$ref": "#/$defs/text" } }
            }
          }
        }
      }
    },
    "necessity_and_proportionality": {
      "type": "object", "additionalProperties": false, "required": ["necessity", "proportionality", "subsidiarity"],
      "properties": {
        "necessity": { "$ref": "#/$defs/text" },
        "proportionality": { "$ref": "#/$defs/text" },
        "subsidiarity": { "$ref": "#/$defs/text" }
      }
    },
    "equal_treatment": { "$ref": "#/$defs/text" },
    "fairness_monitor": {
      "type": "object", "additionalProperties": false,
      "required": ["groups", "intersection_depth", "rate_ratio_lower", "rate_ratio_upper", "alpha", "legitimate_factors",
        "minimum_cell_size", "hold_letters_on_alert"],
      "properties": {
        "groups": { "type": "array", "minItems": 1, "uniqueItems": true, "items": { "$ref": "#/$defs/group" } },
        "intersection_depth": { "type": "integer", "minimum": 1, "maximum": 3 },
        "rate_ratio_lower": { "type": "number", "exclusiveMinimum": 0, "maximum": 1 },
        "rate_ratio_upper": { "type": "number", "minimum": 1 },
        "alpha": { "type": "number", "exclusiveMinimum": 0, "maximum": 0.2 },
        "legitimate_factors": { "type": "array", "uniqueItems": true, "items": { "$ref": "#/$defs/group" } },
        "minimum_cell_size": { "type": "integer", "minimum": 5 },
        "hold_letters_on_alert": { "type": "boolean" }
      }
    },
    "retention": {
      "type": "array", "minItems": 1,
      "items": {
        "type": "object", "additionalProperties": false, "required": ["category", "description"],
        "properties": {
          "category": { "$ref": "#/$defs/identifier" },
          "description": { "$ref": "#/$defs/text" },
          "term_days": { "type": "integer", "minimum": 0 },
          "starts_at": { "enum": ["run_finished", "record_created"] },
          "ends_at_horizon": { "type": "boolean" },
          "anonymised": { "const": true }
        },
        "oneOf": [
          { "required": ["term_days", "starts_at", "ends_at_horizon"], "not": { "required": ["anonymised"] } },
          { "required": ["anonymised"], "not": { "anyOf": [{ "required": ["term_days"] }, { "required": ["starts_at"] }] } }
        ]
      }
    },
    "horizon": {
      "type": "object", "additionalProperties": false, "required": ["effective_from", "expires_at", "basis"],
      "properties": {
        "effective_from": { "type": "string", "format": "date-time" },
        "expires_at": { "type": "string", "format": "date-time" },
        "basis": { "$ref": "#/$defs/text" }
      }
    },
    "crypto": {
      "type": "object", "additionalProperties": false,
      "required": ["paillier_modulus_bits", "dgk_modulus_bits", "dgk_randomness_bits", "comparison_bits",
        "statistical_security_bits", "comparison_engine"],
      "properties": {
        "paillier_modulus_bits": { "enum": [2048, 3072, 4096] },
        "dgk_modulus_bits": { "enum": [2048, 3072, 4096] },
        "dgk_randomness_bits": { "type": "integer", "minimum": 160, "maximum": 512 },
        "comparison_bits": { "type": "integer", "minimum": 8, "maximum": 64 },
        "statistical_security_bits": { "type": "integer", "minimum": 40, "maximum": 128 },
        "comparison_engine": { "enum": ["dgk", "gc"] }
      }
    },
    "contact": {
      "type": "object", "additionalProperties": false, "required": ["organisation", "phone", "website", "postal_address", "objection"],
      "properties": {
        "organisation": { "$ref": "#/$defs/text" },
        "phone": { "$ref": "#/$defs/text" },
        "website": { "type": "string", "format": "uri" },
        "postal_address": { "$ref": "#/$defs/text" },
        "objection": { "$ref": "#/$defs/text" }
      }
    }
  },
  "$defs": {
    "identifier": { "type": "string", "pattern": "^[a-z][a-z0-9_-]{0,63}$" },
    "text": { "type": "string", "minLength": 1, "maxLength": 4000 },
    "group": { "enum": ["sex", "age_band", "aow_build_up_band", "household_type", "region", "country_of_birth_category"] }
  }
}
"""";
}
