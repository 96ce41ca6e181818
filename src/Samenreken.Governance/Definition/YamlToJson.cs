using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Samenreken.Governance.Definition;

/// <summary>
/// Reads one YAML document into JSON nodes, so the JSON Schema validates YAML and JSON alike. Plain scalars become
/// numbers, booleans or null where YAML 1.2's core schema says so; quoted scalars stay strings. Remembers the line
/// of every value so errors can name it.
/// </summary>
internal static partial class YamlToJson
{
    public static JsonNode? Convert(string text, Dictionary<string, int> lines, List<DefinitionError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(new DefinitionError("", (int)e.Start.Line, "not valid YAML: " + e.Message));
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet reports a duplicate mapping key, and some malformed input, this way.
            errors.Add(new DefinitionError("", null, "not valid YAML: " + e.Message));
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            errors.Add(new DefinitionError("", null, $"expected exactly one YAML document, found {stream.Documents.Count}"));
            return null;
        }

        return Node(stream.Documents[0].RootNode, "", lines, errors);
    }

    private static JsonNode? Node(YamlNode node, string pointer, Dictionary<string, int> lines, List<DefinitionError> errors)
    {
        lines[pointer] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        errors.Add(new DefinitionError(pointer, (int)keyNode.Start.Line, "mapping keys must be plain strings"));
                        continue;
                    }

                    if (obj.ContainsKey(key))
                    {
                        errors.Add(new DefinitionError(pointer + "/" + key, (int)keyNode.Start.Line, "duplicate key"));
                        continue;
                    }

                    obj[key] = Node(valueNode, pointer + "/" + Escape(key), lines, errors);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Node(sequence.Children[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), lines, errors));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                errors.Add(new DefinitionError(pointer, (int)node.Start.Line, "unsupported YAML node"));
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when NumberPattern().IsMatch(value) && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }

    // RFC 6901: '~' and '/' in keys.
    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    [GeneratedRegex("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$")]
    private static partial Regex NumberPattern();
}
