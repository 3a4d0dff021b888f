using System;
using BuyingJourney.QuickStart;

if (args.Length > 0 && args[0] == "--readme")
{
    Console.WriteLine(ReadmeExample.Run());
    return;
}

SoftwarePurchase.Run(Console.Out);
await SoftwarePurchase.RunStoredAsync(Console.Out);
