# Recovery Guide Kiosk - printers keep no copy of what was printed.
# Run in an elevated PowerShell:  .\printer-privacy.ps1   (every printer)
#                              or .\printer-privacy.ps1 -Printer "Front desk printer"
# Turns off "Keep printed documents" and empties the spool folder. Guide: docs/deploy-windows.md.
param([string]$Printer = "")
$ErrorActionPreference = "Stop"

$printers = if ($Printer) { @(Get-Printer -Name $Printer) } else { @(Get-Printer) }
foreach ($p in $printers) {
    Set-Printer -Name $p.Name -KeepPrintedJobs $false
    Get-PrintJob -PrinterName $p.Name -ErrorAction SilentlyContinue | Remove-PrintJob
    Write-Host "Keep printed documents: off for $($p.Name)"
}

# Print events are not logged (Microsoft-Windows-PrintService/Operational lists document names).
wevtutil set-log "Microsoft-Windows-PrintService/Operational" /enabled:false
Write-Host "Print job logging: off"
