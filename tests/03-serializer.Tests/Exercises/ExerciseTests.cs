using System.Reflection;
using System.Runtime.ExceptionServices;
using Pickling;

namespace Serializer.Tests;

/// <summary>
/// The chapter's exercises, each with its test ready. To start exercise N, delete its Skip and run
/// <c>dotnet test tests/03-serializer.Tests --filter ExerciseN</c>: it fails until your code is done.
/// These drive the library's public API (Pickle.Dumps, Pickle.Loads, Disassembler), the surface a
/// student extends, so they compile now and do not dictate internal names. An exception where the page
/// promises a value is reported as a failed expectation, with what was expected.
/// </summary>
public sealed class ExerciseTests
{
    private static readonly TypeRegistry Types = GameTypes.Registry();

    public sealed class Stamp
    {
        public string Event { get; set; } = "";
        public DateTime When { get; set; }
    }

    [Fact(Skip = "Exercise 1 (a DATETIME opcode): delete this Skip when you start the exercise")]
    public void Exercise1_DateTime_round_trips()
    {
        var stamps = new TypeRegistry().Register<Stamp>("game.Stamp");
        var when = new DateTime(2026, 11, 22, 15, 30, 0, DateTimeKind.Utc);
        byte[] bytes = Written(when, Types, "a UTC DateTime");

        // Back as the same instant, in UTC; dis names the opcode and shows the time in ISO 8601.
        DateTime back = Read<DateTime>(bytes, Types, "a DATETIME stream");
        Assert.True(back == when && back.Kind == DateTimeKind.Utc, $"expected {when:o} (Kind Utc) back; got {back:o} (Kind {back.Kind})");
        string dis = Disassembler.ToText(bytes);
        Assert.True(dis.Contains("DATETIME") && dis.Contains("2026-11-22T15:30:00"), $"dis should show DATETIME and the time 2026-11-22T15:30:00...; it shows:\n{dis}");

        // The whole range, and a DateTime in a record's field.
        foreach (DateTime edge in new[] { DateTime.MinValue, DateTime.MaxValue })
        {
            DateTime utc = DateTime.SpecifyKind(edge, DateTimeKind.Utc);
            Assert.True(Read<DateTime>(Written(utc, Types, $"{utc:o}"), Types, "an edge of the range") == utc, $"{utc:o} should round trip");
        }
        Stamp stamp = Read<Stamp>(Written(new Stamp { Event = "joined", When = when }, stamps, "a record with a DateTime field"), stamps, "a record with a DateTime field");
        Assert.True(stamp.Event == "joined" && stamp.When == when, $"a Stamp's DateTime field should round trip; got {stamp.Event} {stamp.When:o}");

        // The writer refuses a time that is not UTC: its ticks would mean a different instant elsewhere.
        foreach (DateTimeKind kind in new[] { DateTimeKind.Local, DateTimeKind.Unspecified })
        {
            Exception? refused = Record.Exception(() => Pickle.Dumps(DateTime.SpecifyKind(when, kind), Types));
            Assert.True(refused is InvalidOperationException, $"writing a DateTime of Kind {kind} should throw InvalidOperationException; got {refused?.GetType().Name ?? "no exception"}");
        }

        // A stream whose ticks are past DateTime.MaxValue is bad input like any other.
        byte opcode = bytes[2];
        byte[] forged = [0x80, 1, opcode, .. VarUInt((ulong)DateTime.MaxValue.Ticks + 1), (byte)'.'];
        Exception? error = Record.Exception(() => Pickle.Loads<DateTime>(forged, Types));
        Assert.True(error is PickleFormatException, $"ticks past DateTime.MaxValue should be a PickleFormatException; got {error?.GetType().Name ?? "a value"}: {error?.Message}");
    }

    [Fact(Skip = "Exercise 2 (a string table): delete this Skip when you start the exercise")]
    public void Exercise2_a_repeated_string_is_written_once()
    {
        // 100 equal names, each its own string object, as if each came from a different message.
        var names = Enumerable.Range(0, 100).Select(i => string.Concat("a rather long ", i % 1 == 0 ? "player name" : "")).ToList();
        Assert.False(ReferenceEquals(names[0], names[1]), "the test's premise: equal strings, not one object");
        byte[] bytes = Written(names, Types, "a list of 100 equal names");
        Assert.True(Read<List<string>>(bytes, Types, "the list of names").SequenceEqual(names), "the 100 names should come back equal");
        int copies = Occurrences(bytes, System.Text.Encoding.UTF8.GetBytes("a rather long player name"));
        Assert.True(copies == 1 && bytes.Length < 400,
            $"the name should be written once and referred to 99 times, in under 400 bytes; it is written {copies} times, {bytes.Length} bytes");
        Assert.DoesNotContain("error:", Disassembler.ToText(bytes));

        // Strings and shared records in one stream: every reference still finds its own object.
        var ada = new Player { Name = "ada the quick", Score = 3 };
        var bob = new Player { Name = "bob the steady", Score = 5, Chasing = ada };
        var mixed = new List<object?> { "ada the quick", ada, "bob the steady", bob, ada, "ada the quick", bob };
        byte[] mixedBytes = Written(mixed, Types, "strings mixed with shared players");
        List<object?> back = Read<List<object?>>(mixedBytes, Types, "strings mixed with shared players");
        Assert.True(back[0] is "ada the quick" && back[2] is "bob the steady" && back[5] is "ada the quick",
            $"the strings should come back in place; got {string.Join(", ", back.Select(b => b?.ToString()))}");
        Assert.True(back[1] is Player a && back[3] is Player b && ReferenceEquals(a, back[4]) && ReferenceEquals(b, back[6]) && ReferenceEquals(b.Chasing, a),
            "each shared player should come back as one object: GET numbers must still point at the right objects");
        Assert.DoesNotContain("error:", Disassembler.ToText(mixedBytes));
    }

    public sealed class PlayerV2
    {
        public string Name { get; set; } = "";
        public int Score { get; set; }
        public string Colour { get; set; } = "";
        public List<string> Badges { get; set; } = [];
    }

    public sealed class Medal
    {
        public string Title { get; set; } = "";
    }

    public sealed class PlayerV3
    {
        public string Name { get; set; } = "";
        public Medal? Award { get; set; }
    }

    [Fact(Skip = "Exercise 3 (skip an unknown field): delete this Skip when you start the exercise")]
    public void Exercise3_an_older_program_reads_a_newer_record()
    {
        // A newer program added Colour and Badges to its player; an older one, without them, reads the rest.
        var newer = new TypeRegistry().Register<PlayerV2>("game.Player");
        var ada = new PlayerV2 { Name = "ada", Score = 12, Colour = "#ff0000", Badges = ["fast", "first"] };
        var bob = new PlayerV2 { Name = "bob", Score = 7, Colour = "#00ff00" };
        byte[] bytes = Pickle.Dumps(new List<object> { ada, bob, bob }, newer);

        // The skipped Badges list took a memo number in the writer; the reader must count it too, or the
        // GET of bob finds the wrong object (or none).
        List<Player> old = Read<List<Player>>(bytes, Types, "a newer list of players");
        Assert.True(old.Count == 3 && (old[0].Name, old[0].Score) == ("ada", 12) && (old[1].Name, old[1].Score) == ("bob", 7),
            $"the older program should read ada 12 and bob 7; got {string.Join(", ", old.Select(p => $"{p.Name} {p.Score}"))}");
        Assert.True(ReferenceEquals(old[1], old[2]), "bob, written once and referred to once, should come back as one object");

        // A skipped value is checked like any other: a type the older program never registered still stops it.
        var unknownInside = new TypeRegistry().Register<PlayerV3>("game.Player").Register<Medal>("game.Medal");
        byte[] sneaky = Pickle.Dumps(new PlayerV3 { Name = "eve", Award = new Medal { Title = "x" } }, unknownInside);
        Exception? refused = Record.Exception(() => Pickle.Loads<Player>(sneaky, Types));
        Assert.True(refused is PickleFormatException && refused.Message.Contains("game.Medal"),
            $"a skipped field holding an unregistered type (game.Medal) should still be refused with a PickleFormatException naming it; got {refused?.GetType().Name ?? "a value"}: {refused?.Message}");
    }

    [Fact(Skip = "Exercise 4 (a writer for trees): delete this Skip when you start the exercise")]
    public void Exercise4_a_tree_is_written_without_the_memo_and_a_shared_object_is_refused()
    {
        // The method the page names; looked up by name, so this test compiles before it exists.
        MethodInfo? method = typeof(Pickle).GetMethod("DumpsTree", [typeof(object), typeof(TypeRegistry), typeof(PickleLimits)]);
        Assert.True(method is { IsStatic: true, IsPublic: true } && method.ReturnType == typeof(byte[]),
            "Pickle should have a method `public static byte[] DumpsTree(object? value, TypeRegistry types, PickleLimits? limits = null)`");
        byte[] DumpsTree(object? value)
        {
            try { return (byte[])method!.Invoke(null, [value, Types, null])!; }
            catch (TargetInvocationException e) when (e.InnerException is { } inner) { ExceptionDispatchInfo.Throw(inner); throw; }
        }
        Room Tree() => new()
        {
            Title = "lobby",
            Players = [new() { Name = "ada", Score = 3, Chasing = new() { Name = "ghost" } }, new() { Name = "bob", Score = 5 }],
            Leader = new() { Name = "cid", Score = 9 },
        };

        // A tree: no object twice. The stream is the one Dumps writes, byte for byte, and reads back as it is.
        byte[] expected = Pickle.Dumps(Tree(), Types);
        byte[]? tree = null;
        Exception? error = Record.Exception(() => tree = DumpsTree(Tree()));
        Assert.True(error is null, $"DumpsTree should write a room whose players and leader are all different; it threw {error?.GetType().Name}: {error?.Message}");
        Assert.True(tree!.AsSpan().SequenceEqual(expected), $"for a tree, DumpsTree should write the very stream Dumps writes ({expected.Length} bytes); it wrote {tree!.Length} bytes that differ");
        Room back = Read<Room>(tree, Types, "the tree DumpsTree wrote");
        Assert.True(back.Players.Count == 2 && back.Players[0].Chasing?.Name == "ghost" && back.Leader?.Name == "cid", "the room should come back with its two players, ada chasing ghost, and cid leading");

        // Not a tree: a player shared (the leader is also in the list), or a cycle. Refused, never written wrong.
        var ada = new Player { Name = "ada" };
        var shared = new Room { Title = "shared", Players = [ada, new() { Name = "bob" }], Leader = ada };
        var loop = new Player { Name = "ouroboros" };
        loop.Chasing = loop;
        foreach (var (graph, what) in new (object, string)[] { (shared, "a room whose leader is also in its players"), (loop, "a player chasing itself") })
        {
            Exception? refused = Record.Exception(() => DumpsTree(graph));
            Assert.True(refused is InvalidOperationException && refused.Message.Contains("not a tree", StringComparison.OrdinalIgnoreCase),
                $"DumpsTree given {what} should throw InvalidOperationException saying the graph is not a tree; got {refused?.GetType().Name ?? "a stream"}: {refused?.Message}");
        }

        // Right after a refusal, on the same thread, Dumps still shares and DumpsTree still writes trees:
        // the option belongs to one call.
        Room sharedBack = Read<Room>(Written(shared, Types, "the shared room, after DumpsTree refused it"), Types, "the shared room from Dumps");
        Assert.True(ReferenceEquals(sharedBack.Leader, sharedBack.Players[0]), "Pickle.Dumps should still write a shared leader once (GET), so it comes back as one player");
        Assert.True(DumpsTree(Tree()).AsSpan().SequenceEqual(expected), "after a refusal, DumpsTree should write the next tree as before");
    }

    private static byte[] Written(object? value, TypeRegistry types, string what)
    {
        byte[]? bytes = null;
        Exception? error = Record.Exception(() => bytes = Pickle.Dumps(value, types));
        Assert.True(error is null, $"Pickle.Dumps should write {what}; it threw {error?.GetType().Name}: {error?.Message}");
        return bytes!;
    }

    private static T Read<T>(byte[] bytes, TypeRegistry types, string what)
    {
        T? value = default;
        Exception? error = Record.Exception(() => value = Pickle.Loads<T>(bytes, types));
        Assert.True(error is null, $"Pickle.Loads should read {what}; it threw {error?.GetType().Name}: {error?.Message}");
        return value!;
    }

    private static int Occurrences(byte[] haystack, byte[] needle)
    {
        int count = 0;
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) count++;
        return count;
    }

    private static byte[] VarUInt(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
