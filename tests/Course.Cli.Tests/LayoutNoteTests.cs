using Snapshooter;

namespace Course.Cli.Tests;

/// <summary>
/// Every chapter's Layout note names every C# file of the chapter, and only files that exist: a newcomer
/// who opens Program.cs first learns where everything is, and a file moved or added without a line in
/// the note fails here instead of leaving the note to drift.
/// </summary>
public sealed class LayoutNoteTests
{
    [Theory]
    [MemberData(nameof(LayoutNote.Chapters), MemberType = typeof(LayoutNote))]
    public void The_layout_note_names_every_file_and_only_files_that_exist(string chapter)
    {
        LayoutNote note = LayoutNote.Read(chapter);
        var problems = note.Unnamed().Select(f => $"{f}: not named in the Layout note of {note.NotePath}")
            .Concat(note.Dangling().Select(n => $"{n}: named in the Layout note of {note.NotePath}, but no such file"))
            .ToList();
        Assert.True(problems.Count == 0, $"chapters/{chapter}:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void A_folder_line_names_no_file_and_a_path_names_the_file_it_ends_in()
    {
        // The reader itself, on a chapter whose note has both: 02 names Bench/Bench.cs by path and
        // RelayProbe.cs by file name alone; its "Client/" folder has no line of its own that would count.
        LayoutNote note = LayoutNote.Read("02-threads");
        Assert.Contains("Bench/Bench.cs", note.Names);
        Assert.Contains("RelayProbe.cs", note.Names);
        Assert.DoesNotContain(note.Names, n => !n.EndsWith(".cs", StringComparison.Ordinal));
        Assert.Contains("Bench/RelayProbe.cs", note.Files);
        Assert.DoesNotContain("Program.cs", note.Files);
    }

    [Theory]
    [MemberData(nameof(LayoutNote.Chapters), MemberType = typeof(LayoutNote))]
    public void Which_file_uses_which(string chapter) =>
        // The list each chapter page shows under Layout: written from the code, so it cannot drift.
        Snapshot.Match(FileUses.Of(chapter), SnapshotNameExtension.Create(chapter));
}
