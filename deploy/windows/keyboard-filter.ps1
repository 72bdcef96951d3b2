# Recovery Guide Kiosk - block the Windows shortcuts the kiosk itself cannot see
# (Keyboard Filter, Windows 10/11 Enterprise, Education or IoT Enterprise).
# Run in an elevated PowerShell:  .\keyboard-filter.ps1
# The kiosk swallows F11, Esc, Ctrl+W/Q/P/Z/Y and Alt+F4 when Qt sees them; Windows handles
# the keys below before any application does, so only Keyboard Filter can block them.
# Guide: docs/deploy-windows.md.
$ErrorActionPreference = "Stop"

$feature = Get-WindowsOptionalFeature -Online -FeatureName Client-KeyboardFilter
if ($feature.State -ne "Enabled") {
    Enable-WindowsOptionalFeature -Online -FeatureName Client-KeyboardFilter -NoRestart
    Write-Host "Keyboard Filter enabled. Restart Windows, then run this script again."
    exit 0
}

$namespace = "root\standardcimv2\embedded"
$blocked = @(
    "Alt+F4", "Alt+Tab", "Alt+Esc", "Alt+Space", "Ctrl+Esc", "Ctrl+F4", "Ctrl+Shift+Esc",
    "Shift+Ctrl+Esc", "Windows", "Win+D", "Win+E", "Win+F", "Win+M", "Win+R", "Win+T",
    "Win+U", "Win+Tab", "Win+Pause", "Win+Space", "Win+P", "Win+X", "Win+I", "Win+A",
    "LaunchMail", "LaunchMediaSelect", "LaunchApp1", "LaunchApp2", "BrowserBack",
    "BrowserForward", "BrowserRefresh", "BrowserStop", "BrowserSearch", "BrowserFavorites",
    "BrowserHome"
)
foreach ($id in $blocked) {
    $key = Get-CimInstance -Namespace $namespace -ClassName WEKF_PredefinedKey |
        Where-Object { $_.Id -eq $id }
    if ($null -eq $key) { Write-Host "not known on this Windows version: $id"; continue }
    Set-CimInstance -InputObject $key -Property @{ Enabled = $true }
    Write-Host "blocked: $id"
}

# Staff who sign in as an administrator keep every key.
$setting = Get-CimInstance -Namespace $namespace -ClassName WEKF_Settings |
    Where-Object { $_.Name -eq "DisableKeyboardFilterForAdministrators" }
Set-CimInstance -InputObject $setting -Property @{ Value = "true" }
Write-Host "Keyboard Filter is on for every account except administrators."
