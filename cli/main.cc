// berth: the command-line client of the Berth controller.
#include "cli/run.h"

int main(int argc, char** argv) { return berth::cli::Main(argc, argv); }
