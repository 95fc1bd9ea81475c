using Course.Classroom.Course;
using Course.Classroom.Exercises;

namespace Course.Classroom.Starter;

/// <summary>
/// Which files of the course a starter for chapter NN holds, and how the graded ones read when handed
/// out. Only conventions: no chapter is named here, so chapters added later need nothing in this file.
/// </summary>
public static class HandedOut
{
    /// <summary>Files at the top that every build needs.</summary>
    public static readonly string[] TopFiles =
        ["Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", ".gitignore"];

    /// <summary>The test helpers and build settings a student has no reason to change: graded as handed out.</summary>
    public static readonly string[] GradedFolders = ["shared/Course.Testing"];
    public static readonly string[] GradedTopFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    /// <summary>The grader itself, so the student repository's workflow can run it.</summary>
    public const string ToolFolder = "shared/Course.Classroom";

    /// <summary>Chapters 01 to <paramref name="assigned"/>.</summary>
    public static IReadOnlyList<Chapter> Chapters(CourseTree course, Chapter assigned) =>
        [.. course.Chapters().Where(c => string.CompareOrdinal(c.Number, assigned.Number) <= 0)];

    /// <summary>Every file of the starter that comes from the course (relative paths), before any change.</summary>
    public static IReadOnlyList<string> Files(CourseTree course, Chapter assigned)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string top in TopFiles.Where(course.Exists)) files.Add(top);
        var folders = new SortedSet<string>(StringComparer.Ordinal) { ToolFolder };
        foreach (Chapter chapter in Chapters(course, assigned))
        {
            folders.Add(chapter.Folder);
            folders.Add(chapter.TestsFolder);
            // What the chapter's tests build on: shared helpers, and earlier chapters' libraries.
            foreach (string folder in ProjectGraph.Closure(course, ProjectGraph.TestProject(course, chapter))) folders.Add(folder);
        }
        foreach (string folder in folders)
            foreach (string file in course.FilesUnder(folder))
                if (!IsTeachersOnly(file)) files.Add(file);
        foreach (string page in DocsPages(course, assigned)) files.Add(page);
        // A chapter's tests compare its picture of time with the trace it was drawn from: hand the trace out too.
        foreach (Chapter chapter in Chapters(course, assigned))
            if (course.Exists($"docs/traces/{chapter.Name}.trace")) files.Add($"docs/traces/{chapter.Name}.trace");
        return [.. files];
    }

    /// <summary>Reference solutions and model answers never leave the course repository.</summary>
    public static bool IsTeachersOnly(string file) => file.Contains("/Exercises/Solutions/", StringComparison.Ordinal);

    /// <summary>The chapter's page, and what it links to inside docs/ (its protocol page, its images).</summary>
    public static IEnumerable<string> DocsPages(CourseTree course, Chapter chapter)
    {
        if (!course.Exists(chapter.DocsPage)) yield break;
        yield return chapter.DocsPage;
        string page = File.ReadAllText(course.PathOf(chapter.DocsPage));
        foreach (System.Text.RegularExpressions.Match link in System.Text.RegularExpressions.Regex.Matches(page, @"\]\((?<target>[^)#\s]+)"))
        {
            string target = link.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal)) continue;
            string relative = course.Relative(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(course.PathOf(chapter.DocsPage))!, target)));
            if (relative.StartsWith("docs/", StringComparison.Ordinal) && File.Exists(course.PathOf(relative)) && relative != "docs/teachers.md")
                yield return relative;
        }
    }

    /// <summary>True for a file the grader restores before it runs the tests.</summary>
    public static bool IsGraded(string file) =>
        GradedTopFiles.Contains(file)
        || GradedFolders.Any(f => file.StartsWith(f + "/", StringComparison.Ordinal))
        || file.StartsWith("tests/", StringComparison.Ordinal) && !file.Contains("/__snapshots__/", StringComparison.Ordinal);

    /// <summary>
    /// The file as the starter hands it out: the course's text, with the assigned exercise tests of the
    /// assigned chapter un-skipped (so they fail until the work is done).
    /// </summary>
    public static byte[] Content(string file, byte[] courseContent, Chapter assigned, IReadOnlySet<int> exercises)
    {
        if (!file.StartsWith(assigned.ExercisesFolder + "/", StringComparison.Ordinal) || !file.EndsWith(".cs", StringComparison.Ordinal))
            return courseContent;
        string text = System.Text.Encoding.UTF8.GetString(courseContent);
        string unskipped = Unskip.Apply(text, exercises);
        return unskipped == text ? courseContent : System.Text.Encoding.UTF8.GetBytes(unskipped);
    }
}
