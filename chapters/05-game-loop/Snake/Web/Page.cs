using System.Reflection;

namespace Snake.Web;

/// <summary>The browser page (Web/index.html), built into the library so the server is one file to run.</summary>
public static class Page
{
    public static string Html { get; } = Load();

    private static string Load()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Snake.index.html")
                              ?? throw new InvalidOperationException("index.html is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
