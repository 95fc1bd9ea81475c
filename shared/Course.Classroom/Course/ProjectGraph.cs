using System.Text.RegularExpressions;

namespace Course.Classroom.Course;

/// <summary>
/// Which projects a project needs: its <c>ProjectReference</c>s, followed all the way down. A starter
/// hands out exactly these folders, and the proof knows from them which chapter a solution can affect
/// (chapter 06 builds on 05's and 03's libraries, so a solution for 05 changes what 06 runs).
/// </summary>
public static partial class ProjectGraph
{
    /// <summary>The folders (relative, '/') of <paramref name="project"/> and of every project it references.</summary>
    public static IReadOnlySet<string> Closure(CourseTree course, string project)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            string current = pending.Pop();
            if (!seen.Add(current)) continue;
            string folder = Path.GetDirectoryName(current)!.Replace('\\', '/');
            folders.Add(folder);
            foreach (Match reference in Reference().Matches(File.ReadAllText(course.PathOf(current))))
            {
                string target = Path.GetFullPath(Path.Combine(course.PathOf(folder), reference.Groups[1].Value.Replace('\\', '/')));
                pending.Push(course.Relative(target));
            }
        }
        return folders;
    }

    /// <summary>The test project of <paramref name="chapter"/> (the one .csproj in its tests folder).</summary>
    public static string TestProject(CourseTree course, Chapter chapter)
    {
        string[] projects = Directory.Exists(course.PathOf(chapter.TestsFolder))
            ? Directory.GetFiles(course.PathOf(chapter.TestsFolder), "*.csproj") : [];
        return projects.Length == 1 ? course.Relative(projects[0])
            : throw new InvalidOperationException($"{chapter.TestsFolder} should hold exactly one .csproj, it holds {projects.Length}");
    }

    /// <summary>Every .csproj in <paramref name="folder"/> and below (a chapter may have a library beside its program).</summary>
    public static IEnumerable<string> ProjectsUnder(CourseTree course, string folder) =>
        course.FilesUnder(folder).Where(f => f.EndsWith(".csproj", StringComparison.Ordinal));

    /// <summary>True if <paramref name="file"/> lies inside one of <paramref name="folders"/>.</summary>
    public static bool IsInside(string file, IEnumerable<string> folders) =>
        folders.Any(folder => file.StartsWith(folder + "/", StringComparison.Ordinal));

    [GeneratedRegex(""""<ProjectReference\s+Include="([^"]+)"""")]
    private static partial Regex Reference();
}
