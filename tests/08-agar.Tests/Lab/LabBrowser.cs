using System.Text.Json;
using Course.Testing;
using Microsoft.Playwright;

namespace Agar.Tests.Lab;

/// <summary>
/// The lab's page in Debian's chromium, headless, driven by Playwright, which never downloads a browser
/// here: it is handed the installed one, as chapter 05's browser test does.
/// </summary>
public sealed class LabBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private LabBrowser(IPlaywright playwright, IBrowser browser, IPage page, System.Collections.Concurrent.ConcurrentQueue<string> requests)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        Requests = requests;
    }

    public IPage Page { get; }

    /// <summary>Every address the page asked for since it opened: the lab's own, if it works offline.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; }

    /// <summary>Opens the lab's page and waits until it has drawn its first frame.</summary>
    public static async Task<LabBrowser> OpenAsync(RunningLab lab, int width = 1280, int height = 1000)
    {
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExternalProgram.Find("chromium"),
            Headless = true,
            Args = ["--no-sandbox"],
            Timeout = 30_000,
        });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var requests = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue(request.Url);
        page.WebSocket += (_, socket) => requests.Enqueue(socket.Url);
        await page.GotoAsync(lab.Web.Url, new PageGotoOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => window.lab.drawn !== null", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        return new LabBrowser(playwright, browser, page, requests);
    }

    /// <summary>The number and the exact text of the frame the page drew last.</summary>
    public async Task<(long Number, string Text)> DrawnAsync()
    {
        using JsonDocument drawn = JsonDocument.Parse(await Page.EvaluateAsync<string>("() => JSON.stringify(window.lab.drawn)"));
        return (drawn.RootElement.GetProperty("number").GetInt64(), drawn.RootElement.GetProperty("text").GetString()!);
    }

    /// <summary>The colour, as #RRGGBB, of the canvas pixel under world point (x, y) in the <paramref name="index"/>th view matching <paramref name="selector"/>.</summary>
    public async Task<string> ColourAtAsync(string selector, int index, double worldWidth, double x, double y) =>
        await Page.EvaluateAsync<string>("""
            ([selector, index, worldWidth, x, y]) => {
              const canvas = document.querySelectorAll(selector)[index];
              const k = canvas.width / worldWidth;
              const [r, g, b] = canvas.getContext('2d').getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data;
              return '#' + [r, g, b].map(v => v.toString(16).padStart(2, '0').toUpperCase()).join('');
            }
            """, new object[] { selector, index, worldWidth, x, y });

    /// <summary>Moves a slider as a hand would: a new value, then the input event the page listens to.</summary>
    public Task SlideAsync(int client, string field, double value) =>
        Page.EvaluateAsync("""
            ([client, field, value]) => {
              const input = document.querySelectorAll('.panel.client')[client - 1].querySelector(`input[data-field=${field}]`);
              input.value = value;
              input.dispatchEvent(new Event('input'));
            }
            """, new object[] { client, field, value });

    /// <summary>A client panel's checkbox, by its field.</summary>
    public ILocator Switch(int client, string field) =>
        Page.Locator(".panel.client").Nth(client - 1).Locator($"input[data-field={field}]");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
