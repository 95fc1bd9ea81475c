using System.Text.RegularExpressions;
using Course.Cli;

namespace Course.Classroom.Course;

/// <summary>
/// A checkout of the course (or a student repository made from one): the folder that holds
/// <c>Tutorial.sln</c> and <c>chapters/</c>. Everything the tool knows about chapters it reads from here.
/// </summary>
public sealed partial class CourseTree
{
    private CourseTree(string root) => Root = root;

    public string Root { get; }

    /// <summary>The course this tool was built from: the first folder above its own files with Tutorial.sln.</summary>
    public static CourseTree OfThisTool() =>
        Above(AppContext.BaseDirectory) ?? throw new UserError(
            $"no Tutorial.sln above {AppContext.BaseDirectory}: run the tool with `dotnet run --project shared/Course.Classroom` from a course checkout.");

    /// <summary>The course at <paramref name="folder"/> exactly.</summary>
    public static CourseTree At(string folder)
    {
        string full = Path.GetFullPath(folder);
        return IsCourse(full) ? new CourseTree(full)
            : throw new UserError($"{folder} is not a course repository: it has no Tutorial.sln and chapters/ folder.");
    }

    public static CourseTree? Above(string folder)
    {
        for (var at = new DirectoryInfo(Path.GetFullPath(folder)); at is not null; at = at.Parent)
            if (IsCourse(at.FullName)) return new CourseTree(at.FullName);
        return null;
    }

    private static bool IsCourse(string folder) =>
        File.Exists(Path.Combine(folder, "Tutorial.sln")) && Directory.Exists(Path.Combine(folder, "chapters"));

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public bool Exists(string relative) => File.Exists(PathOf(relative)) || Directory.Exists(PathOf(relative));

    /// <summary>Every chapter folder named <c>NN-name</c>, in order.</summary>
    public IReadOnlyList<Chapter> Chapters() =>
        [.. Directory.EnumerateDirectories(PathOf("chapters"))
            .Select(Path.GetFileName)
            .Where(name => name is not null && ChapterName().IsMatch(name))
            .Order(StringComparer.Ordinal)
            .Select(name => new Chapter(name![..2], name))];

    /// <summary>The chapter numbered <paramref name="number"/> ("4" or "04"), or one clear error line.</summary>
    public Chapter Chapter(string number)
    {
        IReadOnlyList<Chapter> all = Chapters();
        string wanted = int.TryParse(number, out int n) && n is >= 0 and < 100 ? $"{n:00}" : number;
        return all.FirstOrDefault(c => c.Number == wanted) ?? throw new UserError(
            $"--chapter {number}: there is no such chapter; the chapters are {string.Join(", ", all.Select(c => c.Number))}.",
            ExitCodes.Usage);
    }

    /// <summary>Files under <paramref name="relativeFolder"/>, as relative paths, leaving out build output.</summary>
    public IEnumerable<string> FilesUnder(string relativeFolder)
    {
        string folder = PathOf(relativeFolder);
        if (!Directory.Exists(folder)) yield break;
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            string current = pending.Pop();
            foreach (string file in Directory.EnumerateFiles(current).Order(StringComparer.Ordinal))
                if (Path.GetFileName(file) != ".git") yield return Relative(file); // a worktree's link to its repository
            foreach (string sub in Directory.EnumerateDirectories(current).OrderDescending(StringComparer.Ordinal))
                if (!IsBuildOutput(Path.GetFileName(sub))) pending.Push(sub);
        }
    }

    /// <summary>Folders a build or a test run writes and nobody hands out.</summary>
    public static bool IsBuildOutput(string? folderName) =>
        folderName is "bin" or "obj" or "TestResults" or "__mismatch__" or ".git" or ".vs" or ".idea" or "site";

    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    [GeneratedRegex(@"^\d\d-[a-z0-9-]+$")]
    private static partial Regex ChapterName();
}
