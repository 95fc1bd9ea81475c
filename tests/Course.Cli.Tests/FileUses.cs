using System.Text;
using System.Text.RegularExpressions;

namespace Course.Cli.Tests;

/// <summary>
/// Which file of a chapter uses which, read from the code: file A uses file B when A's code (comments and
/// string literals left out) names a type that B declares at its top level. Not a compiler's answer (a name that two files
/// declare counts for both, a method call on a variable is seen through its type's name only), but it is
/// the question a reader asks before opening a file, and it is written from the code on every run.
/// </summary>
public static partial class FileUses
{
    /// <summary>One line per file of the chapter, in path order: "Server/Room.cs → Outbox.cs, Wire/Nickname.cs".</summary>
    public static string Of(string chapter)
    {
        string root = Path.Combine(CoursePrograms.RepositoryRoot, "chapters", chapter);
        LayoutNote note = LayoutNote.Read(chapter);
        var files = note.Files.Append(note.NotePath).Order(StringComparer.Ordinal).ToList();
        var code = files.ToDictionary(f => f, f => CodeOnly(File.ReadAllText(Path.Combine(root, f))));
        var declared = files.ToDictionary(f => f, f => TypeDeclaration().Matches(code[f]).Select(m => m.Groups[1].Value).ToHashSet());

        var text = new StringBuilder();
        foreach (string file in files)
        {
            var words = Word().Matches(code[file]).Select(m => m.Value).ToHashSet();
            var uses = files.Where(other => other != file && declared[other].Except(declared[file]).Any(words.Contains)).ToList();
            text.Append(file).Append(" → ").Append(uses.Count == 0 ? "(no other file of this chapter)" : string.Join(", ", uses)).Append('\n');
        }
        return text.ToString();
    }

    // Comments (// to the end of the line, /* ... */), string literals, and using and namespace lines out
    // (namespace Chase.Bench is no use of the class Bench; `using static X` is a use of X and stays).
    private static string CodeOnly(string source) => UsingOrNamespace().Replace(CommentOrString().Replace(source, " "), " ");

    [GeneratedRegex(@"^(?:(?:global )?using (?!static )|namespace )[^\n]*", RegexOptions.Multiline)]
    private static partial Regex UsingOrNamespace();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    // Top-level types only (a file-scoped namespace puts them at the start of a line): a private nested
    // Event or Row is no other file's business.
    [GeneratedRegex(@"^(?:[a-z]+ )*(?:class|struct|record|interface|enum)\s+([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Word();
}
