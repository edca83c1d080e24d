// The smallest .NET program that starts, writes and exits: what any NativeAOT CLI pays before its own work.
Console.WriteLine("hello");
