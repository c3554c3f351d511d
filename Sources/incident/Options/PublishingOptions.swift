import ArgumentParser

/// For the commands that push to an incident's GitHub issue.
struct PublishingOptions: ParsableArguments {
    @Flag(help: "Push even to a public repository, where anyone can read the incident (refused otherwise).")
    var publicRepo = false
}
