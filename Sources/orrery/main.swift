import Foundation

exit(CommandLineTool.standard.run(arguments: Array(CommandLine.arguments.dropFirst()),
                                  environment: ProcessInfo.processInfo.environment))
