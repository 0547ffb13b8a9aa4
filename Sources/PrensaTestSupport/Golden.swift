import PrensaCore
