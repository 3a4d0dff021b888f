using System.Collections.Generic;
using System.Text.Json;

namespace BuyingJourney.Testing;

/// <summary>The property names a JSON Schema lists, for the tests that keep a published schema and its reader's allowed properties the same (rulebooks, CRM mappings).</summary>
internal static class JsonSchemaNames
{
    /// <summary>Every name under a "properties" object anywhere in the schema.</summary>
    public static HashSet<string> Of(JsonElement schema)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        Collect(schema, names);
        return names;
    }

    private static void Collect(JsonElement element, HashSet<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "properties" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var listed in property.Value.EnumerateObject())
                    {
                        names.Add(listed.Name);
                    }
                }

                Collect(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, names);
            }
        }
    }
}
