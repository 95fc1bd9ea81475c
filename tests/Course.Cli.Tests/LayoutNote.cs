using System.Text.RegularExpressions;

namespace Course.Cli.Tests;

/// <summary>
/// A chapter's Layout note: the comment at the top of its Program.cs that tells a newcomer which file
/// does what. It is read the way a student reads it: a file counts as named only by its own name
/// (<c>Outbox.cs</c>, or a path ending in it, <c>Server/Outbox.cs</c>); a folder line names no file.
/// </summary>
public sealed partial class LayoutNote
{
    private LayoutNote(string chapter, string notePath, IReadOnlyList<string> names, IReadOnlyList<string> files)
    {
        Chapter = chapter;
        NotePath = notePath;
        Names = names;
        Files = files;
    }

    /// <summary>The chapter folder, e.g. "01-echo".</summary>
    public string Chapter { get; }

    /// <summary>The Program.cs that holds the note, relative to the chapter folder.</summary>
    public string NotePath { get; }

    /// <summary>Every file name the note mentions, as written ("Bench/Bench.cs", "Outbox.cs").</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The chapter's C# files (not bin/, not obj/, not the note's own file), relative, with '/'.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Chapter folders under chapters/, e.g. "01-echo", as test data.</summary>
    public static TheoryData<string> Chapters()
    {
        var data = new TheoryData<string>();
        foreach (string folder in Directory.GetDirectories(Path.Combine(CoursePrograms.RepositoryRoot, "chapters")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(folder));
        return data;
    }

    /// <summary>
    /// Reads the note of <paramref name="chapter"/>: the comment block holding "Layout" in the Program.cs
    /// nearest the chapter folder (07's program is in Chase/, its library beside it in Netcode/).
    /// </summary>
    public static LayoutNote Read(string chapter)
    {
        string root = Path.Combine(CoursePrograms.RepositoryRoot, "chapters", chapter);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var notes = files.Where(f => Path.GetFileName(f) == "Program.cs" && File.ReadAllText(Path.Combine(root, f)).Contains("Layout", StringComparison.Ordinal))
            .GroupBy(f => f.Count(c => c == '/'))
            .OrderBy(g => g.Key)
            .FirstOrDefault()?.ToList();
        if (notes is not [string notePath])
            throw new InvalidOperationException($"chapters/{chapter}: expected one Program.cs with a Layout note nearest the chapter folder, found {notes?.Count ?? 0}");

        string[] lines = File.ReadAllLines(Path.Combine(root, notePath));
        int layout = Array.FindIndex(lines, l => l.TrimStart().StartsWith("//", StringComparison.Ordinal) && l.Contains("Layout", StringComparison.Ordinal));
        if (layout < 0) throw new InvalidOperationException($"chapters/{chapter}/{notePath}: the word Layout is not in a comment");
        int first = layout, last = layout;
        while (first > 0 && IsComment(lines[first - 1])) first--;
        while (last + 1 < lines.Length && IsComment(lines[last + 1])) last++;
        string note = string.Join('\n', lines[first..(last + 1)]);

        var names = FileName().Matches(note).Select(m => m.Value).Distinct().ToList();
        return new LayoutNote(chapter, notePath, names, files.Where(f => f != notePath).ToList());
    }

    /// <summary>The chapter's files the note does not name.</summary>
    public IEnumerable<string> Unnamed() => Files.Where(file => !Names.Any(name => Matches(name, file)));

    /// <summary>Names in the note that are no file of the chapter (renamed, moved, or never there).</summary>
    public IEnumerable<string> Dangling() => Names.Where(name => !Files.Any(file => Matches(name, file)) && !Matches(name, NotePath));

    // "Outbox.cs" names Server/Outbox.cs; "Server/Outbox.cs" names it too; "Box.cs" does not.
    private static bool Matches(string name, string file) => file == name || file.EndsWith("/" + name, StringComparison.Ordinal);

    private static bool IsComment(string line) => line.TrimStart().StartsWith("//", StringComparison.Ordinal);

    // A file name, or a path ending in one: letters, digits, '_', '.', '/', ending in ".cs" (not ".csproj").
    [GeneratedRegex(@"[A-Za-z0-9_./]*[A-Za-z0-9_]\.cs\b")]
    private static partial Regex FileName();
}
