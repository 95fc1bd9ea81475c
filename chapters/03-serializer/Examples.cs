namespace Serializer;

/// <summary>
/// The values <c>dis --example NAME</c> prints, and the tests snapshot: the docs show exactly these bytes.
/// </summary>
public static class Examples
{
    public static IReadOnlyList<string> Names { get; } = ["int", "string", "list", "shared", "cycle", "attack"];

    public static byte[] Bytes(string name) => name switch
    {
        "int" => Pickling.Pickle.Dumps(-300, GameTypes.Registry()),
        "string" => Pickling.Pickle.Dumps("gracz №1", GameTypes.Registry()),
        "list" => Pickling.Pickle.Dumps(new List<object?> { 1, 2.5, true, null, new Dictionary<string, int> { ["x"] = 3 } }, GameTypes.Registry()),
        "shared" => Pickling.Pickle.Dumps(SharedLeader(), GameTypes.Registry()),
        "cycle" => Pickling.Pickle.Dumps(Cycle(), GameTypes.Registry()),
        "attack" => Attack(),
        _ => throw new ArgumentException($"no example '{name}'; there are: {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>What <c>dis --example NAME</c> prints: the listing, then what Pickle.Loads makes of the bytes.</summary>
    public static string Listing(string name)
    {
        byte[] bytes = Bytes(name);
        string loads;
        try
        {
            object? value = Pickling.Pickle.Loads(bytes, GameTypes.Registry());
            loads = $"Pickle.Loads gives: {Describe(value)}";
        }
        catch (Pickling.PickleFormatException e)
        {
            loads = $"Pickle.Loads refuses it: {e.Message}";
        }
        return Pickling.Disassembler.ToText(bytes) + loads + "\n";
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"string \"{s}\"",
        long l => $"long {l}",
        double d => $"double {d.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        bool b => b ? "true" : "false",
        Room r => $"Room \"{r.Title}\" with {r.Players.Count} players; its leader is its first player: {ReferenceEquals(r.Leader, r.Players[0])}",
        Player p => $"Player {p.Name}, chasing {p.Chasing?.Name}, who is chasing {p.Chasing?.Chasing?.Name}: the same object: {ReferenceEquals(p, p.Chasing?.Chasing)}",
        List<object?> list => $"List<object?> of {list.Count}: {string.Join(", ", list.Select(Describe))}",
        Dictionary<object, object?> d => $"Dictionary<object, object?> {{ {string.Join(", ", d.Select(kv => $"{Describe(kv.Key)}: {Describe(kv.Value)}"))} }}",
        _ => $"{value.GetType().Name} {value}",
    };

    /// <summary>A room whose leader is also its first player: the same object, reachable twice.</summary>
    public static Room SharedLeader()
    {
        var ada = new Player { Name = "ada", Score = 12 };
        var bob = new Player { Name = "bob", Score = 7 };
        return new Room { Title = "lobby", Players = [ada, bob], Leader = ada };
    }

    /// <summary>Two players chasing each other: ada.Chasing.Chasing is ada again.</summary>
    public static Player Cycle()
    {
        var ada = new Player { Name = "ada", Score = 12 };
        var bob = new Player { Name = "bob", Score = 7, Chasing = ada };
        ada.Chasing = bob;
        return ada;
    }

    /// <summary>
    /// A hand-made hostile stream, the equivalent of pickle's classic attack: it names a type that can
    /// run a program and hopes the reader builds it. PROTO 1, TYPE "System.Diagnostics.Process" with one
    /// field "StartInfo", RECORD of that type, STRING "/bin/sh", STOP.
    /// </summary>
    public static byte[] Attack()
    {
        var bytes = new List<byte> { 0x80, 0x01, (byte)'Y' };
        AddString(bytes, "System.Diagnostics.Process");
        bytes.Add(1);
        AddString(bytes, "StartInfo");
        bytes.AddRange([(byte)'R', 0, (byte)'S']);
        AddString(bytes, "/bin/sh");
        bytes.Add((byte)'.');
        return [.. bytes];
    }

    private static void AddString(List<byte> bytes, string text)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        bytes.Add((byte)utf8.Length); // every string here is shorter than 128 bytes: a one-byte varint
        bytes.AddRange(utf8);
    }
}
