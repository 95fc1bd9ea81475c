using System.Text.Json;
using Agar.Game;

namespace Agar.Lab;

public enum ControlKind { Steer, Client, Server, Preset }

/// <summary>
/// One message from the page, checked. The page sends small JSON objects:
///   {"type":"steer","client":1,"x":0.7,"y":-0.7}         the keys or the stick of a client you steer
///   {"type":"client","client":2,"field":"lag","value":120}  one setting of one client (see <see cref="ClientSettings.With"/>)
///   {"type":"server","field":"tickRate","value":20}       tickRate or ticksPerView (see <see cref="ServerRates"/>)
///   {"type":"preset","name":"loss"}                       a stop of the tour
/// Anything else is a <see cref="FormatException"/> that says what was wrong, in one line.
/// </summary>
public sealed record LabControl(ControlKind Kind, int Client = 0, string Field = "", double Value = 0, Vec2 Steer = default, string Preset = "")
{
    /// <summary>Longer messages are not controls: the page's longest is under 100 bytes.</summary>
    public const int MaxBytes = 1024;

    public static LabControl Parse(ReadOnlySpan<byte> json, int clients)
    {
        if (json.Length > MaxBytes) throw new FormatException($"a control message is at most {MaxBytes} bytes, this one {json.Length}");
        JsonDocument document;
        try { document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 4 }); }
        catch (JsonException e) { throw new FormatException($"a control message is a JSON object: {e.Message}"); }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("a control message is a JSON object");
            return Text(root, "type") switch
            {
                "steer" => new LabControl(ControlKind.Steer, ClientNumber(root, clients), Steer: new Vec2(Number(root, "x"), Number(root, "y"))),
                "client" => new LabControl(ControlKind.Client, ClientNumber(root, clients), Text(root, "field"), Number(root, "value")),
                "server" => new LabControl(ControlKind.Server, Field: Text(root, "field"), Value: Number(root, "value")),
                "preset" => new LabControl(ControlKind.Preset, Preset: Text(root, "name")),
                var other => throw new FormatException($"unknown control type '{ClientSettings.Shorten(other)}' (steer, client, server or preset)"),
            };
        }
    }

    private static int ClientNumber(JsonElement root, int clients)
    {
        double number = Number(root, "client");
        return number == Math.Floor(number) && number >= 1 && number <= clients
            ? (int)number
            : throw new FormatException($"client must be 1 to {clients}, not {number}");
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"a control message needs \"{name}\", a string");

    /// <summary>A finite number; true and false count as 1 and 0 (a checkbox).</summary>
    private static double Number(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out JsonElement value))
        {
            if (value.ValueKind == JsonValueKind.True) return 1;
            if (value.ValueKind == JsonValueKind.False) return 0;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && double.IsFinite(number)) return number;
        }
        throw new FormatException($"a control message needs \"{name}\", a number");
    }
}
