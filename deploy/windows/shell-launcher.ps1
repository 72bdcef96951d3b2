# Recovery Guide Kiosk - make the kiosk the only "shell" of a dedicated Windows account
# (Shell Launcher, Windows 10/11 Enterprise, Education or IoT Enterprise).
# Run in an elevated PowerShell:  .\shell-launcher.ps1 -KioskUser kiosk
# Guide: docs/deploy-windows.md.
#
# Exit-code contract (kiosk/ui/crash.py): 0 = staff exited from the PIN-protected admin screen,
# so Shell Launcher does nothing (staff sign out with Ctrl+Alt+Del); any other code (70 repeated
# errors, 75 restart asked for in admin, a crash) restarts the kiosk.
param(
    [Parameter(Mandatory = $true)][string]$KioskUser,
    [string]$KioskExe = "C:\Program Files\RecoveryGuideKiosk\kiosk.exe"
)
$ErrorActionPreference = "Stop"

if (-not (Test-Path $KioskExe)) { throw "kiosk.exe not found at $KioskExe (use -KioskExe)" }

# 1. The feature (a restart may be needed the first time).
$feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
if ($feature.State -ne "Enabled") {
    Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -NoRestart
    Write-Host "Shell Launcher enabled. Restart Windows, then run this script again."
    exit 0
}

# 2. Actions Shell Launcher understands.
$RestartShell = 0
$DoNothing = 3

$sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate(
    [System.Security.Principal.SecurityIdentifier]).Value
$launcher = [wmiclass]"\\localhost\root\standardcimv2\embedded:WESL_UserSetting"

# Everyone else keeps the normal desktop.
$launcher.SetDefaultShell("explorer.exe", $RestartShell) | Out-Null
# The kiosk account: the kiosk, restarted unless it exits with 0.
try { $launcher.RemoveCustomShell($sid) | Out-Null } catch { }
$launcher.SetCustomShell($sid, "`"$KioskExe`"", @(0), @($DoNothing), $RestartShell) | Out-Null
$launcher.SetEnabled($true) | Out-Null

Write-Host "Shell Launcher: $KioskUser now runs $KioskExe as its shell."
Write-Host "Exit code 0 (admin exit) = do nothing; anything else = restart the kiosk."
