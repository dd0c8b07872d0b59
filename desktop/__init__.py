"""What a person sees and prints: windows, item models, dialogs, operations with undo."""
